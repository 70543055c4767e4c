package dev.mutineer.campaign;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.kind.KindCluster;
import dev.mutineer.cluster.local.Binaries;
import dev.mutineer.cluster.node.RealNodes;
import dev.mutineer.injector.fault.ComponentFault;
import dev.mutineer.injector.fault.Fault;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.fault.Family;
import dev.mutineer.injector.fault.ParameterProblem;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules a bound campaign must follow beyond YAML types: required fields, positive counts,
 * known kinds and operator parameters, unique variant names. Each finding names its field path.
 */
final class CampaignValidator {

    record Finding(String field, String message) {
    }

    /** Every kind declared in {@link ResourceKinds}: the injector can find, decode and corrupt each. */
    static final List<String> KNOWN_KINDS = ResourceKinds.all().stream().map(ResourceKind::kind).toList();

    /** The kind backend (kindcontainer) runs control plane and kubelet in one container. */
    static final int KIND_MAX_NODES = 1;

    /** The Kubernetes version the local backend's binaries have. */
    private static final String LOCAL_VERSION = Binaries.pinnedVersions().getProperty("kubernetes.version");

    /** Bounds that keep a plan's run count and duration sums far from overflow (and a campaign finite). */
    static final int MAX_RUNS = 1000;
    static final int MAX_SAMPLE = 100_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern K8S_VERSION = Pattern.compile("v?1\\.\\d{1,2}(\\.\\d{1,2})?");
    private static final Pattern GATE = Pattern.compile("[A-Z][A-Za-z0-9]*");

    private final Campaign c;
    private final List<Finding> findings = new ArrayList<>();

    CampaignValidator(Campaign campaign) {
        this.c = campaign;
    }

    List<Finding> validate() {
        if (c.name() == null || c.name().isBlank()) {
            add("name", "missing: every campaign needs a name (it names the results directory)");
        } else if (!NAME.matcher(c.name()).matches()) {
            add("name", "'" + c.name() + "' may hold only letters, digits, '.', '_' and '-' (it names the results directory)");
        }
        cluster("cluster", c.cluster().backend(), c.cluster().nodes(), c.cluster().kubernetesVersion().orElse(null),
                c.cluster().featureGates());
        realNodes(c.cluster());
        workload();
        targets();
        for (int i = 0; i < c.sensitive().size(); i++) {
            String field = "sensitive[" + i + "]";
            SensitiveFields.problem(c.sensitive().get(i)).ifPresent(m -> add(field, m));
        }
        faults();
        findings.addAll(new ExpectationValidator(c).validate());
        if (c.observationWindow().isZero() || c.observationWindow().isNegative()) {
            add("observationWindow", "must be longer than 0s");
        } else if (c.observationWindow().compareTo(Durations.MAX) > 0) {
            add("observationWindow", "must be at most " + Durations.format(Durations.MAX) + ", got " + Durations.format(c.observationWindow()));
        }
        if (c.settleTime().isNegative()) {
            add("settleTime", "must not be negative");
        } else if (c.settleTime().compareTo(Durations.MAX) > 0) {
            add("settleTime", "must be at most " + Durations.format(Durations.MAX) + ", got " + Durations.format(c.settleTime()));
        }
        positive("goldenRuns", c.goldenRuns(), "the classifier needs at least one fault-free run as its baseline");
        atMost("goldenRuns", c.goldenRuns(), MAX_RUNS);
        positive("repetitions", c.repetitions(), "each injection runs at least once");
        atMost("repetitions", c.repetitions(), MAX_RUNS);
        dev.mutineer.campaign.run.Parallelism.problem(c.parallelism()).ifPresent(why -> add("parallelism", why));
        variants();
        traffic();
        return findings;
    }

    private void cluster(String field, Backend backend, int nodes, String version, Map<String, Boolean> gates) {
        if (nodes < 1 || nodes > 5000) {
            add(field + ".nodes", "must be between 1 and 5000, got " + nodes);
        } else if (backend == Backend.KIND && nodes > KIND_MAX_NODES) {
            add(field + ".nodes", "the kind backend runs a single node (control plane and kubelet in one container), got "
                    + nodes + "; use backend: local for more nodes");
        }
        if (version != null && !K8S_VERSION.matcher(version).matches()) {
            add(field + ".kubernetesVersion", "'" + version + "' is not a Kubernetes version like 1.36 or 1.36.3");
        } else if (version != null && backend == Backend.LOCAL && !versionMatches(LOCAL_VERSION, version)) {
            add(field + ".kubernetesVersion", "the local backend runs Kubernetes " + LOCAL_VERSION
                    + " (pinned in versions.properties), not " + version + "; drop kubernetesVersion or use the kind backend");
        } else if (version != null && backend == Backend.KIND && !KindCluster.supportsKubernetesVersion(version)) {
            add(field + ".kubernetesVersion", "the kind backend has no node image for Kubernetes " + version
                    + "; known: " + String.join(", ", KindCluster.knownKubernetesVersions()));
        }
        gates.forEach((gate, on) -> {
            if (!GATE.matcher(gate).matches()) {
                add(field + ".featureGates." + gate, "'" + gate + "' is not a feature gate name (CamelCase, like StaleControllerConsistencyReplicaSet)");
            }
            if (on == null) {
                add(field + ".featureGates." + gate, "needs true or false");
            }
        });
    }

    private void realNodes(ClusterSpec cluster) {
        int n = cluster.realNodes();
        if (n < 0 || n > RealNodes.MAX) {
            add("cluster.realNodes", "must be between 0 and " + RealNodes.MAX + ", got " + n
                    + " (each real node runs containerd, kubelet and kube-proxy; about 150 MiB idle)");
        } else if (n > 0 && cluster.backend() != Backend.LOCAL) {
            add("cluster.realNodes", "real nodes join a local cluster; the " + cluster.backend().label()
                    + " backend runs its own node. Use backend: local, or drop realNodes");
        }
    }

    private void traffic() {
        TrafficSpec t = c.traffic();
        if (t == null) {
            return;
        }
        if (t.service() == null || t.service().isBlank()) {
            add("traffic.service", "missing: the entry Service as namespace/name, e.g. shop/frontend");
        } else {
            String[] parts = t.service().split("/", -1);
            if (parts.length != 2 || !isDnsLabel(parts[0]) || !isDnsLabel(parts[1])) {
                add("traffic.service", "'" + t.service() + "' is not namespace/name of a Service, e.g. shop/frontend");
            }
        }
        if (t.port() < 0 || t.port() > 65535) {
            add("traffic.port", "must be a port between 1 and 65535 (or left out for the Service's first port), got " + t.port());
        }
        if (t.path() == null || !t.path().startsWith("/") || t.path().chars().anyMatch(ch -> ch <= ' ' || ch == 127)) {
            add("traffic.path", "must start with '/' and hold no spaces or control characters, got '" + t.path() + "'");
        }
        if (t.rate() < 1 || t.rate() > TrafficSpec.MAX_RATE) {
            add("traffic.rate", "must be between 1 and " + TrafficSpec.MAX_RATE + " requests per second, got " + t.rate());
        }
        if (t.timeout() != null && (t.timeout().isZero() || t.timeout().isNegative() || t.timeout().compareTo(TrafficSpec.MAX_TIMEOUT) > 0)) {
            add("traffic.timeout", "must be longer than 0s and at most " + Durations.format(TrafficSpec.MAX_TIMEOUT)
                    + ", got " + Durations.format(t.timeout()));
        }
        for (int i = 0; i < t.hops().size(); i++) {
            if (!isDnsLabel(t.hops().get(i))) {
                add("traffic.hops[" + i + "]", "'" + t.hops().get(i) + "' is not a workload name (the value of its "
                        + "app.kubernetes.io/name label)");
            }
        }
        boolean anyRealNodes = c.clusterVariants().values().stream().anyMatch(s -> s.realNodes() > 0);
        if (!anyRealNodes) {
            add("traffic", "client traffic needs real nodes (a kwok node runs no container and no Service data plane):"
                    + " set cluster.realNodes, or drop traffic");
        }
    }

    private static boolean isDnsLabel(String s) {
        return s != null && s.length() <= 63 && DNS_LABEL.matcher(s).matches();
    }

    /** "1.36" matches 1.36.3; "1.36.3" only itself. */
    static boolean versionMatches(String actual, String requested) {
        String a = actual.replaceFirst("^v", "");
        String r = requested.replaceFirst("^v", "");
        return a.equals(r) || a.startsWith(r + ".");
    }

    private void workload() {
        if (c.workload().isEmpty()) {
            add("workload", "missing: list at least one manifest file (paths relative to the campaign file), e.g. workloads/shop.yaml");
        }
        for (int i = 0; i < c.workload().size(); i++) {
            if (c.workload().get(i).isBlank()) {
                add("workload[" + i + "]", "empty manifest path");
            } else if (c.workload().get(i).indexOf('\0') >= 0) {
                add("workload[" + i + "]", "the path holds a NUL character, which no file name can");
            }
        }
    }

    private void targets() {
        List<String> kinds = c.targets().kinds();
        for (int i = 0; i < kinds.size(); i++) {
            String kind = kinds.get(i);
            if (!KNOWN_KINDS.contains(kind)) {
                add("targets.kinds[" + i + "]", "unknown kind '" + kind + "'" + Suggestions.didYouMean(kind, KNOWN_KINDS)
                        + " (known: " + String.join(", ", KNOWN_KINDS) + ")");
            }
        }
        List<String> namespaces = c.targets().namespaces();
        for (int i = 0; i < namespaces.size(); i++) {
            if (!DNS_LABEL.matcher(namespaces.get(i)).matches() || namespaces.get(i).length() > 63) {
                add("targets.namespaces[" + i + "]", "'" + namespaces.get(i) + "' is not a namespace name (lower-case letters, digits and '-')");
            }
        }
        patterns("targets.names", c.targets().names());
        patterns("targets.fields", c.targets().fields());
        for (int i = 0; i < c.targets().fields().size(); i++) {
            try {
                Glob.field(c.targets().fields().get(i));
            } catch (IllegalArgumentException e) {
                add("targets.fields[" + i + "]", e.getMessage());
            }
        }
    }

    private void patterns(String field, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).isBlank()) {
                add(field + "[" + i + "]", "empty pattern");
            }
        }
    }

    private void faults() {
        if (c.faults().isEmpty()) {
            add("faults", "missing: list at least one fault, e.g. '- operator: bit-flip' with 'sample: 10'");
        }
        for (int i = 0; i < c.faults().size(); i++) {
            String field = "faults[" + i + "]";
            FaultSpec f = c.faults().get(i);
            if (f.operator() == null) {
                add(field + ".operator", "missing: one of " + String.join(", ", Faults.names()));
                continue;
            }
            if (Faults.find(f.operator()).isEmpty()) {
                add(field + ".operator", "unknown operator '" + f.operator() + "'" + Suggestions.didYouMean(f.operator(), Faults.names())
                        + " (expected one of " + String.join(", ", Faults.names()) + ")");
                continue;
            }
            if (f.fault().family() != Family.AT_REST && usesKind()) {
                add(field + ".operator", f.operator() + " needs the local backend (its interposer and process control); "
                        + "this campaign runs on kind");
            }
            if (f.fault().family() == Family.IN_FLIGHT && c.cluster().realNodes() > 0) {
                add(field + ".operator", f.operator() + " needs the etcd interposer, which listens on the host's loopback; with "
                        + "cluster.realNodes the control plane runs in a network namespace. Drop realNodes or this fault");
            }
            if (f.sample() == null) {
                add(field + ".sample", "missing: write 'exhaustive' (every candidate in the field catalog) or a number of random injections");
            } else if (!f.sample().exhaustive() && f.sample().count() < 1) {
                add(field + ".sample", "must be 'exhaustive' or at least 1, got " + f.sample().count());
            } else if (f.sample().count() > MAX_SAMPLE) {
                add(field + ".sample", "must be at most " + MAX_SAMPLE + " random injections, got " + f.sample().count()
                        + "; write 'exhaustive' for every candidate");
            }
            parameters(field + ".parameters", f);
            if (f.fault().family() == Family.COMPONENT) {
                nodeComponent(field + ".parameters", f);
            }
        }
    }

    /**
     * A real node's daemon needs real nodes in every cluster the campaign runs (each variant's too), and a named node
     * must be one of them that runs it: told here, before any cluster starts.
     */
    private void nodeComponent(String field, FaultSpec f) {
        Component component;
        try {
            component = Component.parse(f.parametersAsText().getOrDefault("component", "etcd"));
        } catch (IllegalArgumentException e) {
            return; // reported with the parameters
        }
        if (!component.onNode()) {
            return;
        }
        String node = f.parametersAsText().get(ComponentFault.NODE);
        List<ClusterSpec> clusters = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (c.variants().isEmpty()) {
            clusters.add(c.cluster());
            where.add("cluster.realNodes");
        }
        for (int i = 0; i < c.variants().size(); i++) {
            clusters.add(c.variants().get(i).applyTo(c.cluster()));
            where.add("variants[" + i + "] (" + c.variants().get(i).name() + ")");
        }
        for (int i = 0; i < clusters.size(); i++) {
            List<String> running = RealNodes.running(component, clusters.get(i).realNodes());
            if (running.isEmpty()) {
                add(field + ".component", component.binary() + " runs on real nodes, and " + where.get(i)
                        + " has none (realNodes: 0); set cluster.realNodes: 1 or more, or name a control-plane component");
            } else if (node != null && !running.contains(node)) {
                add(field + "." + ComponentFault.NODE, "node '" + node + "' does not run " + component.binary() + " in "
                        + where.get(i) + " (realNodes: " + clusters.get(i).realNodes() + "); it runs on " + String.join(", ", running));
            }
        }
    }

    private boolean usesKind() {
        return c.cluster().backend() == Backend.KIND
                || c.variants().stream().anyMatch(v -> v.applyTo(c.cluster()).backend() == Backend.KIND);
    }

    private void parameters(String field, FaultSpec f) {
        Fault fault = f.fault();
        Set<String> known = new TreeSet<>(fault.parameters().stream().map(p -> p.name()).toList());
        boolean singleValues = true;
        for (Map.Entry<String, Object> e : f.parameters().entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            String at = field + "." + name;
            if (!known.contains(name)) {
                add(at, "operator " + f.operator() + " has no parameter '" + name + "'"
                        + Suggestions.didYouMean(name, known)
                        + (known.isEmpty() ? " (it takes none)" : " (it takes: " + String.join(", ", known) + ")"));
            } else if (value == null || value instanceof java.util.Collection<?> || value instanceof Map<?, ?>) {
                // The injector takes one value per parameter; a list would silently mean "the first".
                add(at, "needs a single value (text or number), got " + (value == null ? "nothing" : "a list or mapping"));
                singleValues = false;
            }
        }
        if (!singleValues) {
            return;
        }
        // The values, and the parameters taken together, as the injector checks them (names are reported above).
        List<ParameterProblem> problems;
        try {
            problems = fault.problems(f.parametersAsText());
        } catch (ArithmeticException e) {
            // The injector's duration arithmetic overflows on, e.g., delay: 9223372036854775807h.
            add(field, "a value is too large for its parameter");
            return;
        }
        for (ParameterProblem p : problems) {
            if (p.parameter().isEmpty() || !f.parameters().containsKey(p.parameter())) {
                add(field, p.message()); // together, or a required one that is missing
            } else if (known.contains(p.parameter())) {
                add(field + "." + p.parameter(), p.message());
            }
        }
    }

    private void variants() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.variants().size(); i++) {
            String field = "variants[" + i + "]";
            Variant v = c.variants().get(i);
            if (v.name() == null || v.name().isBlank()) {
                add(field + ".name", "missing: each variant needs a name (it labels its results)");
            } else if (!NAME.matcher(v.name()).matches()) {
                add(field + ".name", "'" + v.name() + "' may hold only letters, digits, '.', '_' and '-'");
            } else if (!names.add(v.name())) {
                add(field + ".name", "duplicate variant name '" + v.name() + "'");
            }
            ClusterSpec merged = v.applyTo(c.cluster());
            cluster(field, merged.backend(), merged.nodes(), v.kubernetesVersion().orElse(null), v.featureGates());
            if (merged.realNodes() > 0 && merged.backend() != Backend.LOCAL) {
                add(field + ".backend", "the campaign's cluster.realNodes needs the local backend; this variant uses "
                        + merged.backend().label());
            }
        }
        if (c.variants().size() == 1) {
            add("variants", "a differential campaign compares at least two variants; drop 'variants' or add another");
        }
    }

    private void positive(String field, int value, String why) {
        if (value < 1) {
            add(field, "must be at least 1, got " + value + " (" + why + ")");
        }
    }

    private void atMost(String field, int value, int max) {
        if (value > max) {
            add(field, "must be at most " + max + ", got " + value);
        }
    }

    private void add(String field, String message) {
        findings.add(new Finding(field, message));
    }
}
