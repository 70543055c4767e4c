package dev.mutineer.injector.inject;

import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.fault.ActiveFault;
import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.FaultContext;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.fault.InjectionTimers;
import dev.mutineer.injector.fields.FieldsReport;
import dev.mutineer.injector.operator.BitFlipOperator;
import dev.mutineer.injector.operator.FaultOperator;
import dev.mutineer.injector.operator.Mutation;
import dev.mutineer.injector.operator.OperatorInput;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import dev.mutineer.injector.testing.Fixtures;
import dev.mutineer.injector.testing.PlainEtcd;
import io.etcd.jetcd.Client;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Injection through jetcd against a real etcd (no API server): bytes, revisions, guards, records. */
class AtRestInjectorEtcdTest {

    private static final String PREFIX = "/registry";
    private static PlainEtcd etcd;
    private static Client client;
    private static EtcdStore store;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = PlainEtcd.start();
        client = etcd.connect();
        store = new EtcdStore(client);
    }

    @AfterAll
    static void stopEtcd() {
        if (client != null) {
            client.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void bitFlipWritesExactlyTheFlippedBytesAndRecordsWhatChanged() {
        byte[] pod = Fixtures.storedPod("flip-1", "node-1");
        long created = store.put("/registry/pods/default/flip-1", pod);
        InjectionSpec spec = InjectionSpec.of(Target.named("Pod", "default", "flip-1"), "bit-flip",
                Map.of("field", "spec.nodeName", "byte", "0", "bit", "0"), 1);

        FaultEvidence r = new AtRestInjector(store, PREFIX).inject(spec);

        assertThat(r.activation()).isEqualTo(Activation.INJECTED);
        assertThat(r.id()).isEqualTo(spec.id());
        assertThat(r.key()).isEqualTo("/registry/pods/default/flip-1");
        assertThat(r.modRevisionBefore()).isEqualTo(created);
        assertThat(r.revisionAfter()).isGreaterThan(created);
        StoredValue now = store.get(r.key()).orElseThrow();
        assertThat(now.modRevision()).isEqualTo(r.revisionAfter());
        int at = r.byteDiff().regions().get(0).offset();
        assertThat(now.value()).isEqualTo(BitFlipOperator.flip(pod, at, 0));
        assertThat(r.byteDiff().regions()).hasSize(1);
        assertThat(r.decodesAfter()).isTrue();
        assertThat(r.changes()).containsExactly(new FieldChange("spec.nodeName", "node-1", "oode-1"));
        assertThat(r.fieldPath()).isEqualTo("spec.nodeName");
    }

    @Test
    void valueChangeIsReadBackDecodedFromEtcd() {
        store.put("/registry/deployments/default/web", Fixtures.envelope("apps/v1", "Deployment", Fixtures.deployment("web", 3)));
        InjectionSpec spec = InjectionSpec.of(Target.named("deployments", "default", "web"), "value",
                Map.of("field", "spec.replicas", "change", "zero"), 5);
        FaultEvidence r = new AtRestInjector(store, PREFIX).inject(spec);
        assertThat(r.injected()).isTrue();
        assertThat(r.oldValue()).isEqualTo("3");
        assertThat(r.newValue()).isEqualTo("0");
        StoredObject stored = new StorageCodec().tryDecode(store.get(r.key()).orElseThrow().value()).orElseThrow();
        assertThat(((io.kubernetes.client.proto.V1Apps.Deployment) stored.message()).getSpec().getReplicas()).isZero();
    }

    @Test
    void dependencyOtherPointsAtAnObjectReadFromEtcd() {
        store.put("/registry/minions/dep-node-a", Fixtures.envelope("v1", "Node", Fixtures.node("dep-node-a")));
        store.put("/registry/pods/deps/p", Fixtures.envelope("v1", "Pod", Fixtures.pod("p", "dep-node-a").toBuilder()
                .setMetadata(Fixtures.pod("p", "x").getMetadata().toBuilder().setNamespace("deps")).build()));
        InjectionSpec spec = InjectionSpec.of(Target.named("Pod", "deps", "p"), "dependency",
                Map.of("field", "spec.nodeName", "to", "other"), 3);
        FaultEvidence r = new AtRestInjector(store, PREFIX).inject(spec);
        assertThat(r.injected()).isTrue();
        assertThat(r.oldValue()).isEqualTo("dep-node-a");
        assertThat(r.newValue()).isNotEqualTo("dep-node-a");
        assertThat(store.keys("/registry/minions/")).contains("/registry/minions/" + r.newValue());
    }

    @Test
    void deleteRemovesTheKey() {
        store.put("/registry/services/specs/default/gone", Fixtures.envelope("v1", "Service", Fixtures.service("gone", "web")));
        FaultEvidence r = new AtRestInjector(store, PREFIX)
                .inject(InjectionSpec.of(Target.named("svc", "default", "gone"), "delete", Map.of(), 1));
        assertThat(r.injected()).isTrue();
        assertThat(store.get("/registry/services/specs/default/gone")).isEmpty();
        assertThat(r.byteDiff().lengthAfter()).isZero();
    }

    @Test
    void aMissingTargetIsNotActivated() {
        FaultEvidence r = new AtRestInjector(store, PREFIX)
                .inject(InjectionSpec.of(Target.named("Pod", "default", "never-existed"), "bit-flip", Map.of(), 1));
        assertThat(r.activation()).isEqualTo(Activation.NOT_ACTIVATED);
        assertThat(r.reason()).contains("target gone");
        assertThat(store.get("/registry/pods/default/never-existed")).isEmpty();
    }

    @Test
    void theWriteIsGuardedOnTheModRevision() {
        long rev = store.put("/registry/configmaps/default/guarded", Fixtures.storedPod("guarded", "n"));
        store.put("/registry/configmaps/default/guarded", Fixtures.storedPod("guarded", "moved"));
        assertThat(store.writeIfUnchanged("/registry/configmaps/default/guarded", rev, new byte[]{1})).isEmpty();
        StoredObject still = new StorageCodec().tryDecode(store.get("/registry/configmaps/default/guarded").orElseThrow().value()).orElseThrow();
        assertThat(((V1.Pod) still.message()).getSpec().getNodeName()).isEqualTo("moved");
    }

    @Test
    void whenTheObjectMovesBetweenReadAndWriteTheInjectionRetriesOnTheNewValue() {
        String key = "/registry/pods/default/moving";
        store.put(key, Fixtures.storedPod("moving", "node-1"));
        int[] calls = {0};
        // stands in for the API server: writes the object between the injector's read and its guarded write
        FaultOperator racing = new FaultOperator() {
            @Override public String name() { return "bit-flip"; }
            @Override public Mutation apply(OperatorInput in) {
                if (calls[0]++ < 2) {
                    store.put(key, Fixtures.storedPod("moving", "node-" + (calls[0] + 1)));
                }
                return new BitFlipOperator().apply(in);
            }
        };
        InjectionSpec spec = InjectionSpec.of(Target.named("Pod", "default", "moving"), "bit-flip",
                Map.of("field", "spec.nodeName", "byte", "0", "bit", "0"), 1);

        FaultEvidence r = new AtRestInjector(store, PREFIX, 5, name -> racing).inject(spec);

        assertThat(r.injected()).isTrue();
        assertThat(r.attempts()).isEqualTo(3);
        // the flip was applied to the value the API server wrote last, not to a stale one
        assertThat(r.changes()).containsExactly(new FieldChange("spec.nodeName", "node-3", "oode-3"));
        StoredObject now = new StorageCodec().tryDecode(store.get(key).orElseThrow().value()).orElseThrow();
        assertThat(((V1.Pod) now.message()).getSpec().getNodeName()).isEqualTo("oode-3");

        calls[0] = -100; // keeps moving: every attempt loses
        FaultEvidence gaveUp = new AtRestInjector(store, PREFIX, 3, name -> racing).inject(spec);
        assertThat(gaveUp.activation()).isEqualTo(Activation.NOT_ACTIVATED);
        assertThat(gaveUp.attempts()).isEqualTo(3);
        assertThat(gaveUp.reason()).contains("changed under each of 3 attempts");
    }

    @Test
    void aSelectorPicksAMatchingObjectWithTheSeed() {
        store.put("/registry/pods/sel/a", Fixtures.envelope("v1", "Pod", Fixtures.pod("a", "n")));
        store.put("/registry/pods/sel/b", Fixtures.envelope("v1", "Pod", Fixtures.pod("b", "n")));
        InjectionSpec spec = InjectionSpec.of(Target.selected("Pod", "sel", "app=web"), "value",
                Map.of("field", "spec.nodeName", "change", "empty"), 11);
        FaultEvidence r = new AtRestInjector(store, PREFIX).inject(spec);
        assertThat(r.injected()).isTrue();
        assertThat(r.key()).isIn("/registry/pods/sel/a", "/registry/pods/sel/b");
        FaultEvidence none = new AtRestInjector(store, PREFIX).inject(InjectionSpec.of(Target.selected("Pod", "sel", "app=db"), "delete",
                Map.of(), 11));
        assertThat(none.activation()).isEqualTo(Activation.NOT_ACTIVATED);
        assertThat(none.reason()).contains("no Pod matches");
    }

    @Test
    void fieldsReportReadsAnObjectFromEtcd() {
        store.put("/registry/minions/report-node", Fixtures.envelope("v1", "Node", Fixtures.node("report-node")));
        FieldsReport report = FieldsReport.forObject(store, PREFIX, "nodes", "report-node");
        assertThat(report.key()).isEqualTo("/registry/minions/report-node");
        assertThat(report.toTable()).contains("status.capacity[cpu]").contains("quantity").contains("32");
        assertThat(report.toJson()).contains("\"path\" : \"metadata.labels[kubernetes.io/hostname]\"");
        assertThat(FieldsReport.schema("Pod").rows()).anySatisfy(row -> {
            assertThat(row.path()).isEqualTo("spec.nodeName");
            assertThat(row.dependency()).isEqualTo("name");
        });
    }

    /**
     * Every registered at-rest fault, taken from the registry by name and injected through its handle: it corrupts
     * the stored Pod, ends as a no-op, and tells whether its corruption is still what etcd holds. A fault added to
     * {@link Faults} is covered here without a test of its own.
     */
    @Test
    void everyAtRestFaultCorruptsTheStoredValueAndKnowsWhetherItIsStillThere() {
        store.put(PREFIX + "/minions/node-1", Fixtures.envelope("v1", "Node", Fixtures.node("node-1")));
        store.put(PREFIX + "/minions/node-2", Fixtures.envelope("v1", "Node", Fixtures.node("node-2")));
        for (AtRestFault fault : Faults.atRest()) {
            String name = "victim-" + fault.name();
            String key = PREFIX + "/pods/default/" + name;
            byte[] original = Fixtures.storedPod(name, "node-1");
            store.put(key, original);
            InjectionSpec spec = InjectionSpec.of(Target.named("Pod", "default", name), fault.name(), Map.of(), 3);
            FaultContext context = new FaultContext(new AtRestInjector(store, PREFIX), store, PREFIX, Optional.empty(), null,
                    InjectionTimers.create(), Map.of());

            ActiveFault active = Faults.byName(fault.name()).inject(context, spec);
            active.end();

            assertThat(active.activated()).as(fault.name() + ": " + active.record().reason()).isTrue();
            assertThat(active.record().key()).isEqualTo(key);
            assertThat(store.get(key).map(v -> v.value())).as(fault.name()).isNotEqualTo(Optional.of(original));
            assertThat(active.corruptedStillStored()).as(fault.name() + " right after the write").isTrue();
            assertThat(fault.struck(spec, active.record())).isEqualTo(Target.named("Pod", "default", name));

            // The API server (here: the test) writes the object again: the corruption is gone.
            store.put(key, original);
            ActiveFault again = Faults.byName(fault.name()).inject(context, spec);
            store.put(key, original);
            assertThat(again.corruptedStillStored()).as(fault.name() + " after a rewrite").isFalse();
        }
    }
}
