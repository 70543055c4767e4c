package dev.mutineer.injector.fault;

import dev.mutineer.injector.inject.AtRestInjector;
import dev.mutineer.injector.inject.EtcdStore;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import dev.mutineer.injector.testing.Fixtures;
import dev.mutineer.injector.testing.PlainEtcd;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered at-rest fault, taken from the registry by name and injected through its handle into a real
 * etcd: it corrupts the stored Pod, ends as a no-op, and tells whether its corruption is still what etcd holds.
 * A fault added to {@link Faults} is covered here without a test of its own.
 */
class AtRestFaultsEtcdTest {

    private static final String PREFIX = "/registry";
    private static PlainEtcd etcd;
    private static Client client;
    private static EtcdStore store;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = PlainEtcd.start();
        client = etcd.connect();
        store = new EtcdStore(client);
        store.put(PREFIX + "/minions/node-1", Fixtures.envelope("v1", "Node", Fixtures.node("node-1")));
        store.put(PREFIX + "/minions/node-2", Fixtures.envelope("v1", "Node", Fixtures.node("node-2")));
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
    void everyAtRestFaultCorruptsTheStoredValueAndKnowsWhetherItIsStillThere() {
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
