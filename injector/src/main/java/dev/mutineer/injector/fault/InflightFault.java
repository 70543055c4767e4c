package dev.mutineer.injector.fault;

import dev.mutineer.injector.inflight.Action;
import dev.mutineer.injector.inflight.ActiveRule;
import dev.mutineer.injector.inflight.Count;
import dev.mutineer.injector.inflight.EtcdInterposer;
import dev.mutineer.injector.inflight.Firing;
import dev.mutineer.injector.inflight.InflightRules;
import dev.mutineer.injector.inflight.Rule;
import dev.mutineer.injector.inflight.Selector;
import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.injector.inject.Activation;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A fault on the channel between the API server and etcd: a {@link Rule} of the interposer. The subclass gives
 * its {@link Action} and which requests it watches; the common parameters choose the keys ({@code kind} or
 * {@code prefix}; default: the target object's key), which requests ({@code nth} or {@code probability}; writes
 * default to the first matching one, the others to every one) and for how long ({@code window}).
 */
public abstract class InflightFault extends DescribedFault {

    /** Which requests the rule looks at. */
    public enum Channel { WRITES, WATCH, REQUESTS }

    protected static final List<Parameter> COMMON = List.of(
            Parameter.fixed("kind", "a resource kind or its short name (default: the target object's key)", ParameterType.TEXT),
            Parameter.fixed("prefix", "an etcd key prefix, instead of kind", ParameterType.TEXT),
            Parameter.fixed("nth", "act on the nth matching request only (writes default to 1)", ParameterType.atLeast(1)),
            Parameter.fixed("probability", "act on each matching request with this probability, drawn from the seed",
                    ParameterType.PROBABILITY),
            Parameter.fixed("window", "active this long (default: until the observation ends)", ParameterType.DURATION));

    private final Channel channel;

    protected InflightFault(String name, String doc, Channel channel) {
        super(name, doc);
        this.channel = channel;
    }

    @Override
    public final Family family() {
        return Family.IN_FLIGHT;
    }

    protected final Channel channel() {
        return channel;
    }

    /** The fault's own parameters, besides the common ones. */
    protected List<Parameter> own() {
        return List.of();
    }

    /** The parameters without which the fault cannot act. */
    protected Set<String> required() {
        return Set.of();
    }

    /** What the rule does; the parameters are checked. */
    protected abstract Action action(Map<String, String> parameters, long seed);

    /** The requests the rule looks at under this key prefix. */
    protected Selector selector(String prefix, Map<String, String> parameters) {
        return switch (channel()) {
            case WATCH -> Selector.watch(prefix);
            case WRITES -> Selector.writes(prefix);
            case REQUESTS -> new Selector(Set.of("KV/Range", "KV/Txn"), prefix);
        };
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(COMMON);
        all.addAll(own());
        return all;
    }

    /** Only a probability draws from the seed. */
    @Override
    public boolean usesSeed(Map<String, String> parameters) {
        return parameters.containsKey("probability");
    }

    @Override
    public List<ParameterProblem> combinationProblems(Map<String, String> p) {
        List<ParameterProblem> out = new ArrayList<>();
        if (p.containsKey("kind") && p.containsKey("prefix")) {
            out.add(ParameterProblem.together(name() + ": give kind or prefix, not both"));
        }
        if (p.containsKey("nth") && p.containsKey("probability")) {
            out.add(ParameterProblem.together(name() + ": give nth or probability, not both"));
        }
        for (String r : required()) {
            if (p.get(r) == null || p.get(r).isBlank()) {
                out.add(new ParameterProblem(r, name() + " needs the parameter '" + r + "'"));
            }
        }
        return out;
    }

    /** The rule for one injection; throws naming every parameter that is wrong. */
    public Rule rule(String id, Map<String, String> parameters, long seed) {
        check(parameters);
        String prefix = parameters.containsKey("kind") ? Selector.prefixOf(parameters.get("kind")) : parameters.getOrDefault("prefix", "");
        Rule rule = Rule.of(id, selector(prefix, parameters), count(parameters, seed), action(parameters, seed));
        return parameters.containsKey("window") ? rule.activeFor(Durations.parse(parameters.get("window"))) : rule;
    }

    private Count count(Map<String, String> p, long seed) {
        if (p.containsKey("nth")) {
            return Count.nth(Integer.parseInt(p.get("nth").trim()));
        }
        if (p.containsKey("probability")) {
            return Count.withProbability(Double.parseDouble(p.get("probability").trim()), seed);
        }
        return channel() == Channel.WRITES ? Count.nth(1) : Count.every();
    }

    /**
     * Installs the rule on the interposer, aimed at the target object's key unless the fault names a kind or
     * prefix itself. Whether the rule fired is known when it ends.
     */
    @Override
    public ActiveFault inject(FaultContext context, InjectionSpec spec) {
        EtcdInterposer interposer = context.interposer().orElseThrow(() ->
                new IllegalStateException("in-flight fault " + spec.operator() + " but the cluster has no interposer"));
        Map<String, String> parameters = new TreeMap<>(spec.parameters());
        String key;
        if (parameters.containsKey("kind") || parameters.containsKey("prefix")) {
            key = parameters.containsKey("prefix") ? parameters.get("prefix") : Selector.prefixOf(parameters.get("kind"));
        } else if (!spec.target().name().isEmpty()) {
            key = ResourceKinds.require(spec.target().kind()).key(context.prefix(), spec.target().namespace(), spec.target().name());
            parameters.put("prefix", key);
        } else {
            key = Selector.prefixOf(spec.target().kind());
            parameters.put("kind", spec.target().kind());
        }
        interposer.rules().install(rule(spec.id(), parameters, spec.seed()));
        FaultEvidence installed = new FaultEvidence(spec.id(), key, Activation.INJECTED, "", 0, 0, "", "", "",
                List.of(), true, "", true, null, 1, Instant.now(), spec.operator() + " rule on " + key);
        return new Active(interposer.rules(), spec, installed);
    }

    private static final class Active implements ActiveFault {
        private final InflightRules rules;
        private final InjectionSpec spec;
        private FaultEvidence record;
        private boolean ended;

        Active(InflightRules rules, InjectionSpec spec, FaultEvidence installed) {
            this.rules = rules;
            this.spec = spec;
            this.record = installed;
        }

        @Override
        public synchronized FaultEvidence record() {
            return record;
        }

        /** Clears the rule (held watch events go on) and tells from its evidence whether it ever acted. */
        @Override
        public synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            ActiveRule rule = rules.clear(spec.id());
            List<Firing> evidence = rule.evidence();
            FaultEvidence installed = record;
            if (evidence.isEmpty()) {
                record = new FaultEvidence(spec.id(), installed.key(), Activation.NOT_ACTIVATED,
                        "no request matched the rule within the window", 0, 0, "", "", "", List.of(), true, "", true, null, 1,
                        installed.injectedAt(), installed.description());
                return;
            }
            Firing first = evidence.get(0);
            String description = installed.description() + ": " + evidence.size() + " firing(s), first " + first.method() + " "
                    + first.key() + " at revision " + first.revision() + ": " + first.effect();
            record = new FaultEvidence(spec.id(), first.key(), Activation.INJECTED, "", 0,
                    first.revision(), "", "", first.effect(), List.of(), true, "", true, null, evidence.size(), first.at(), description);
        }
    }
}
