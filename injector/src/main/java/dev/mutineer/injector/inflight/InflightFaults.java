package dev.mutineer.injector.inflight;

import dev.mutineer.injector.operator.Operators;
import io.grpc.Status;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-flight rules as campaign faults: an operator name and text parameters, as campaign
 * files give them, to a {@link Rule}. The seed comes from the injection spec, so the same spec
 * gives the same rule (probability draws, mutations).
 *
 * <p>Common parameters: {@code kind} (a resource kind or its short name) or {@code prefix} (an
 * etcd key prefix), {@code nth} or {@code probability}, {@code window} ("90s", "6m": active that
 * long; absent: until cleared). Writes default to the first matching one (nth=1), latency and
 * watch faults to every one.
 */
public final class InflightFaults {

    private static final Set<String> COMMON = Set.of("kind", "prefix", "nth", "probability", "window");
    private static final Map<String, Set<String>> OWN = new LinkedHashMap<>();

    static {
        OWN.put("drop-write", Set.of());
        OWN.put("fail-write", Set.of("code", "message"));
        OWN.put("mutate-write", Set.of("with")); // plus the parameters of the operator named by "with"
        OWN.put("latency", Set.of("methods", "delay"));
        OWN.put("delay-watch", Set.of("delay"));
        OWN.put("hold-watch", Set.of());
        OWN.put("drop-watch-events", Set.of());
        OWN.put("duplicate-watch-events", Set.of());
        OWN.put("reorder-watch-events", Set.of("batch"));
    }

    private InflightFaults() {
    }

    public static List<String> names() {
        return List.copyOf(OWN.keySet());
    }

    public static boolean isInflight(String operator) {
        return OWN.containsKey(operator);
    }

    /**
     * The parameter names an in-flight operator takes. mutate-write also takes the parameters of
     * every at-rest operator (those of the one its "with" names apply).
     */
    public static Set<String> parameters(String operator) {
        Set<String> own = OWN.get(operator);
        if (own == null) {
            throw new IllegalArgumentException("unknown in-flight operator '" + operator + "'; expected one of " + names());
        }
        Set<String> out = new java.util.TreeSet<>(COMMON);
        out.addAll(own);
        if (operator.equals("mutate-write")) {
            Operators.names().forEach(name -> out.addAll(Operators.byName(name).parameters()));
        }
        return out;
    }

    /** The rule for one injection; throws naming the operator or parameter that is wrong. */
    public static Rule rule(String id, String operator, Map<String, String> parameters, long seed) {
        Set<String> own = OWN.get(operator);
        if (own == null) {
            throw new IllegalArgumentException("unknown in-flight operator '" + operator + "'; expected one of " + names());
        }
        Map<String, String> p = new HashMap<>(parameters);
        Map<String, String> forInner = new HashMap<>();
        if (operator.equals("mutate-write")) {
            String with = require(operator, p, "with");
            Set<String> innerParams = Operators.byName(with).parameters();
            p.keySet().stream().filter(innerParams::contains).toList().forEach(k -> forInner.put(k, p.remove(k)));
        }
        for (String k : p.keySet()) {
            if (!COMMON.contains(k) && !own.contains(k)) {
                throw new IllegalArgumentException("in-flight operator " + operator + " has no parameter '" + k + "'; it takes "
                        + COMMON + " and " + own);
            }
        }
        boolean watch = operator.endsWith("-watch") || operator.endsWith("-watch-events");
        boolean write = operator.endsWith("-write");
        String prefix = prefix(operator, p);
        Selector selector = watch ? Selector.watch(prefix)
                : write ? Selector.writes(prefix)
                : new Selector(Set.of(p.getOrDefault("methods", "KV/Range,KV/Txn").split("\\s*,\\s*")), prefix);
        Count count = count(operator, p, write ? Count.nth(1) : Count.every(), seed);
        Action action = switch (operator) {
            case "drop-write" -> new Action.DropWrite();
            case "fail-write" -> new Action.Fail(code(p.getOrDefault("code", "UNAVAILABLE")), p.getOrDefault("message", "injected by mutineer"));
            case "mutate-write" -> new Action.MutateValue(p.get("with"), forInner, seed);
            case "latency" -> new Action.AddLatency(duration(operator, "delay", require(operator, p, "delay")));
            case "delay-watch" -> new Action.DelayWatch(duration(operator, "delay", require(operator, p, "delay")));
            case "hold-watch" -> new Action.HoldWatch();
            case "drop-watch-events" -> new Action.DropWatchEvents();
            case "duplicate-watch-events" -> new Action.DuplicateWatchEvents();
            case "reorder-watch-events" -> new Action.ReorderWatchEvents(integer(operator, "batch", p.getOrDefault("batch", "2")));
            default -> throw new IllegalStateException(operator);
        };
        Rule rule = Rule.of(id, selector, count, action);
        return p.containsKey("window") ? rule.activeFor(duration(operator, "window", p.get("window"))) : rule;
    }

    private static String prefix(String operator, Map<String, String> p) {
        if (p.containsKey("kind") && p.containsKey("prefix")) {
            throw new IllegalArgumentException(operator + ": give kind or prefix, not both");
        }
        if (p.containsKey("kind")) {
            return Selector.prefixOf(p.get("kind"));
        }
        return p.getOrDefault("prefix", "");
    }

    private static Count count(String operator, Map<String, String> p, Count fallback, long seed) {
        if (p.containsKey("nth") && p.containsKey("probability")) {
            throw new IllegalArgumentException(operator + ": give nth or probability, not both");
        }
        if (p.containsKey("nth")) {
            return Count.nth(integer(operator, "nth", p.get("nth")));
        }
        if (p.containsKey("probability")) {
            try {
                return Count.withProbability(Double.parseDouble(p.get("probability")), seed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(operator + ": probability=" + p.get("probability") + " is not a number");
            }
        }
        return fallback;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** "500ms", "90s", "6m", "1h". */
    public static Duration duration(String operator, String name, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(operator + ": " + name + "=" + text + " is not a duration like 500ms, 90s, 6m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static int integer(String operator, String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(operator + ": " + name + "=" + text + " is not a whole number");
        }
    }

    private static Status.Code code(String name) {
        try {
            return Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fail-write: code=" + name + " is not a gRPC status code; e.g. UNAVAILABLE, INTERNAL, RESOURCE_EXHAUSTED");
        }
    }

    private static String require(String operator, Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(operator + " needs the parameter '" + name + "'");
        }
        return v;
    }
}
