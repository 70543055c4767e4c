package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.ClusterSpec;
import dev.mutineer.campaign.TrafficSpec;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.node.NodeContainer;
import dev.mutineer.cluster.traffic.Traffic;
import dev.mutineer.cluster.traffic.TrafficTarget;
import io.fabric8.kubernetes.api.model.Service;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.injector.inflight.EtcdInterposer;
import dev.mutineer.injector.inject.EtcdStore;
import dev.mutineer.injector.fault.Family;
import io.etcd.jetcd.Client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The db, in Jepsen's words: one running cluster of a campaign variant with the workload applied and
 * its steady state saved, plus the etcd client the injector writes through. Closing it tears everything down.
 */
public final class CampaignCluster implements AutoCloseable {

    static final Duration STEADY_TIMEOUT = Duration.ofMinutes(3);
    /** After the workload looks ready: the controllers' last status writes land before the state is saved. */
    static final Duration STEADY_QUIET = Duration.ofSeconds(3);

    private final Cluster cluster;
    private final Optional<EtcdInterposer> interposer;
    private final Client etcdClient;
    private final EtcdStore store;
    private final Set<String> namespaces;
    private final Optional<Traffic> traffic;
    private final List<NodeContainer> savedRealPods;

    private CampaignCluster(Cluster cluster, Optional<EtcdInterposer> interposer, Client etcdClient, Set<String> namespaces,
                            Optional<Traffic> traffic, List<NodeContainer> savedRealPods) {
        this.cluster = cluster;
        this.interposer = interposer;
        this.etcdClient = etcdClient;
        this.store = new EtcdStore(etcdClient);
        this.namespaces = namespaces;
        this.traffic = traffic;
        this.savedRealPods = List.copyOf(savedRealPods);
    }

    /**
     * Starts a cluster for the spec, applies the campaign's workload, waits for steady state and saves it.
     * {@code onCreated} receives the cluster before it starts, so a Ctrl-C hook can close it at any moment.
     */
    public static CampaignCluster start(Campaign campaign, ClusterSpec spec, Consumer<Cluster> onCreated, Consumer<String> log) {
        Cluster cluster = spec.newCluster(Optional.empty(), false);
        // In-flight faults need the API server to talk to etcd through the interposer from the start.
        Optional<EtcdInterposer> interposer = Optional.empty();
        if (campaign.faults().stream().anyMatch(f -> f.fault().family() == Family.IN_FLIGHT)) {
            if (!(cluster instanceof LocalCluster local)) {
                throw new IllegalArgumentException("in-flight faults need the local backend, not " + cluster.backend());
            }
            EtcdInterposer etcdInterposer = new EtcdInterposer();
            local.withEtcdInterposer(etcdInterposer::start);
            interposer = Optional.of(etcdInterposer);
        }
        onCreated.accept(cluster);
        Client client = null;
        Optional<Traffic> traffic = Optional.empty();
        try {
            log.accept("starting a " + spec + " cluster");
            cluster.start();
            log.accept("applying the workload (" + campaign.manifestFiles().size() + " manifests)");
            Set<String> namespaces = Workload.apply(cluster.client(), campaign.manifestFiles());
            Workload.awaitSteady(cluster.client(), namespaces, STEADY_TIMEOUT, STEADY_QUIET);
            cluster.saveSteadyState();
            List<NodeContainer> savedRealPods = TerminatedPods.onePerPod(cluster.realNodeContainers());
            log.accept("workload steady, state saved");
            client = cluster.etcd().connect();
            if (campaign.trafficSpec().isPresent() && spec.realNodes() > 0) {
                TrafficSpec t = campaign.trafficSpec().get();
                TrafficTarget target = t.target(t.port() != 0 ? t.port() : firstPort(cluster, t));
                traffic = Optional.of(cluster.startTraffic(target));
                log.accept("client traffic: " + t);
            } else if (campaign.trafficSpec().isPresent()) {
                log.accept("no client traffic on this variant: it has no real nodes");
            }
            return new CampaignCluster(cluster, interposer, client, namespaces, traffic, savedRealPods);
        } catch (RuntimeException e) {
            traffic.ifPresent(Traffic::close);
            if (client != null) {
                client.close();
            }
            cluster.close();
            interposer.ifPresent(EtcdInterposer::close);
            throw e;
        }
    }

    /** The entry Service's first port, for a traffic section that names none. */
    private static int firstPort(Cluster cluster, TrafficSpec t) {
        Service service = cluster.client().services().inNamespace(t.namespace()).withName(t.serviceName()).get();
        if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null
                || service.getSpec().getPorts().isEmpty()) {
            throw new IllegalArgumentException("traffic.service " + t.service() + ": the workload has no such Service with a port;"
                    + " the traffic section must name the workload's entry Service");
        }
        return service.getSpec().getPorts().get(0).getPort();
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The client traffic, when the campaign has a traffic section and this cluster real nodes. */
    public Optional<Traffic> traffic() {
        return traffic;
    }

    /** The interposer between the API server and etcd, present when the campaign has in-flight faults. */
    public Optional<EtcdInterposer> interposer() {
        return interposer;
    }

    public EtcdStore store() {
        return store;
    }

    public String prefix() {
        return cluster.etcdKeyPrefix();
    }

    /** One container of each pod that ran on a real node when the steady state was saved; empty without real nodes. */
    public List<NodeContainer> savedRealPods() {
        return savedRealPods;
    }

    /** The namespaces of the workload, which the observer watches. */
    public List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    @Override
    public void close() {
        try {
            traffic.ifPresent(Traffic::close);
            etcdClient.close();
        } finally {
            cluster.close();
            interposer.ifPresent(EtcdInterposer::close);
        }
    }
}
