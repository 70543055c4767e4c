package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign file, bound and validated. Obtain one with {@link CampaignLoader#load(Path)};
 * every instance that leaves the loader has passed validation.
 *
 * @param file              the campaign file (absolute); workload paths are relative to its directory
 * @param seed              every random choice of the plan derives from it
 * @param workload          manifest files or directories as written in the file (a directory stands for its
 *                          *.yaml and *.yml files in name order, so 00-namespace.yaml is applied first)
 * @param observationWindow how long each injection (and golden run) is observed
 * @param settleTime        wait after restoring the steady state, before injecting
 * @param goldenRuns        fault-free runs at the start that give the classifier its baseline
 * @param repetitions       how often each planned injection is run
 * @param variants          cluster configurations of a differential campaign; empty for a plain one
 * @param reset             how each run returns to the steady state (see {@link ResetMode})
 * @param traffic           the client traffic sent to the workload on clusters with real nodes; null when none
 * @param sensitive         fields whose values are recorded only as a hash and length, as {@code KIND.FIELD-PATTERN}
 *                          ({@code ConfigMap.data[*]}); a Secret's data always is (see {@link SensitiveFields})
 * @param expect            what the results must show (checked by run and report); empty when nothing is expected
 * @param parallelism       how many clusters run injections side by side, in all: 1 to 16 or {@code auto} (see
 *                          {@link dev.mutineer.campaign.run.Parallelism}; --parallel overrides it)
 */
public record Campaign(Path file, String name, long seed, ClusterSpec cluster, List<String> workload, Targets targets,
                       List<FaultSpec> faults, Duration observationWindow, Duration settleTime, int goldenRuns,
                       int repetitions, List<Variant> variants, ResetMode reset, TrafficSpec traffic, List<String> sensitive,
                       List<Expectation> expect, String parallelism) {

    public static final long DEFAULT_SEED = 1;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);
    public static final int DEFAULT_GOLDEN_RUNS = 3;

    public Campaign {
        workload = workload == null ? List.of() : workload.stream().map(s -> Objects.requireNonNullElse(s, "")).toList();
        faults = faults == null ? List.of() : new ArrayList<>(faults).stream().filter(Objects::nonNull).toList();
        variants = variants == null ? List.of() : variants.stream().filter(Objects::nonNull).toList();
        sensitive = sensitive == null ? List.of() : sensitive.stream().map(s -> Objects.requireNonNullElse(s, "")).toList();
        // An empty "- " item stays (as null) so that the validator can name it.
        expect = expect == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(expect));
    }

    @JsonCreator
    static Campaign fromYaml(@JsonProperty("name") String name,
                             @JsonProperty("seed") Long seed,
                             @JsonProperty("cluster") ClusterSpec cluster,
                             @JsonProperty("workload") List<String> workload,
                             @JsonProperty("targets") Targets targets,
                             @JsonProperty("faults") List<FaultSpec> faults,
                             @JsonProperty("observationWindow") @JsonDeserialize(using = Durations.Deserializer.class) Duration observationWindow,
                             @JsonProperty("settleTime") @JsonDeserialize(using = Durations.Deserializer.class) Duration settleTime,
                             @JsonProperty("goldenRuns") Integer goldenRuns,
                             @JsonProperty("repetitions") Integer repetitions,
                             @JsonProperty("variants") List<Variant> variants,
                             @JsonProperty("reset") ResetMode reset,
                             @JsonProperty("traffic") TrafficSpec traffic,
                             @JsonProperty("sensitive") List<String> sensitive,
                             @JsonProperty("expect") List<Expectation> expect,
                             @JsonProperty("parallelism") String parallelism) {
        return new Campaign(null, name, seed == null ? DEFAULT_SEED : seed,
                cluster == null ? ClusterSpec.DEFAULT : cluster, workload,
                targets == null ? Targets.ALL : targets, faults,
                observationWindow == null ? DEFAULT_WINDOW : observationWindow,
                settleTime == null ? DEFAULT_SETTLE : settleTime,
                goldenRuns == null ? DEFAULT_GOLDEN_RUNS : goldenRuns,
                repetitions == null ? 1 : repetitions, variants,
                reset == null ? ResetMode.RESTART_CONTROLLERS : reset, traffic, sensitive, expect,
                parallelism == null ? "1" : parallelism.strip());
    }

    Campaign withFile(Path campaignFile) {
        return new Campaign(campaignFile.toAbsolutePath().normalize(), name, seed, cluster, workload, targets, faults,
                observationWindow, settleTime, goldenRuns, repetitions, variants, reset, traffic, sensitive, expect, parallelism);
    }

    /** The most real nodes any of its cluster configurations asks for (what {@code parallelism: auto} sizes for). */
    public int maxRealNodes() {
        return clusterVariants().values().stream().mapToInt(ClusterSpec::realNodes).max().orElse(0);
    }

    /** The client traffic, when the campaign has a {@code traffic:} section. */
    public java.util.Optional<TrafficSpec> trafficSpec() {
        return java.util.Optional.ofNullable(traffic);
    }

    /** What this campaign records only as hashes: a Secret's data and its {@code sensitive} fields. */
    public dev.mutineer.injector.inject.Sensitivity sensitivity() {
        return SensitiveFields.parse(sensitive);
    }

    /** This campaign on kwok nodes only, every variant too: where real nodes cannot run and it may fall back. */
    public Campaign kwokOnly() {
        return new Campaign(file, name, seed, cluster.kwokOnly(), workload, targets, faults,
                observationWindow, settleTime, goldenRuns, repetitions, variants, reset, traffic, sensitive, expect, parallelism);
    }

    /** The workload entries, resolved against the campaign file's directory. */
    public List<Path> workloadPaths() {
        Path dir = file.getParent();
        return workload.stream().map(w -> dir.resolve(w).normalize()).toList();
    }

    /** Every manifest file to apply, in order: directories expanded to their YAML files by name. */
    public List<Path> manifestFiles() {
        List<Path> out = new ArrayList<>();
        for (Path p : workloadPaths()) {
            out.addAll(WorkloadManifests.expand(p));
        }
        return out;
    }

    /**
     * The cluster configurations to run, by variant name, in file order. A campaign without
     * variants has one entry named "default".
     */
    public Map<String, ClusterSpec> clusterVariants() {
        Map<String, ClusterSpec> out = new LinkedHashMap<>();
        if (variants.isEmpty()) {
            out.put("default", cluster);
        }
        for (Variant v : variants) {
            out.put(v.name(), v.applyTo(cluster));
        }
        return out;
    }
}
