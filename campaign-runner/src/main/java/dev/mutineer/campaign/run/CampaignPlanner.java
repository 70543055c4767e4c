package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.FaultSpec;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.node.RealNodes;
import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.fault.ComponentFault;
import dev.mutineer.injector.fault.Family;
import dev.mutineer.injector.operator.DependencyCatalog;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The generator: turns a campaign and the objects its targets select into the list of injections.
 * Pure and seeded: the same campaign and the same stored objects give the same specs, in the same order,
 * with the same IDs. Each fault entry draws from a stream of its own, so adding a fault at the end of
 * the list leaves the injections of the others as they were.
 */
public final class CampaignPlanner {

    /** What one draw may pick: a target, and the parameters the draw fixes on top of the fault's own. */
    record Candidate(Target target, Map<String, String> parameters) {
    }

    private CampaignPlanner() {
    }

    public static List<PlannedInjection> plan(Campaign campaign, List<StoredObjects.Selected> objects) {
        return plan(campaign, objects, note -> { });
    }

    /** The same, telling {@code notes} what it left out and why (objects that lack a field the fault names). */
    public static List<PlannedInjection> plan(Campaign campaign, List<StoredObjects.Selected> objects, Consumer<String> notes) {
        List<PlannedInjection> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < campaign.faults().size(); i++) {
            FaultSpec fault = campaign.faults().get(i);
            List<StoredObjects.Selected> having = withNamedField(fault, objects);
            if (having.size() < objects.size()) {
                notes.accept(dropNote(i, fault, objects, having));
            }
            List<Candidate> candidates = candidates(campaign, fault, having);
            SplittableRandom random = new SplittableRandom(campaign.seed() ^ (0x9E3779B97F4A7C15L * (i + 1)));
            for (InjectionSpec spec : draw(fault, candidates, random)) {
                // Two faults can draw the same spec only if they are identical entries; run it once.
                if (ids.add(spec.id())) {
                    out.add(new PlannedInjection(spec, i));
                }
            }
        }
        return out;
    }

    private static List<InjectionSpec> draw(FaultSpec fault, List<Candidate> candidates, SplittableRandom random) {
        List<InjectionSpec> out = new ArrayList<>();
        if (candidates.isEmpty()) {
            return out;
        }
        if (fault.sample().exhaustive()) {
            for (Candidate c : candidates) {
                out.add(spec(fault, c, random.nextLong()));
            }
            return out;
        }
        Set<String> ids = new LinkedHashSet<>();
        int wanted = fault.sample().count();
        for (int draws = 0; out.size() < wanted && draws < wanted * 20 + 1000; draws++) {
            Candidate c = candidates.get(random.nextInt(candidates.size()));
            InjectionSpec spec = spec(fault, c, random.nextLong());
            if (ids.add(spec.id())) {
                out.add(spec);
            }
        }
        return out;
    }

    private static InjectionSpec spec(FaultSpec fault, Candidate c, long seed) {
        Map<String, String> parameters = new TreeMap<>(fault.parametersAsText());
        parameters.putAll(c.parameters());
        String operator = fault.operator();
        // An operator that makes no random choice (delete, a component kill): its seed would only tell apart
        // injections that do exactly the same thing. Seed 0 gives them one ID, so the plan holds each once.
        long effectiveSeed = fault.fault().usesSeed(parameters) ? seed : 0;
        return InjectionSpec.of(c.target(), operator, parameters, effectiveSeed);
    }

    /**
     * Objects, or (object, field) pairs when the campaign narrows the fields and the operator aims at a field
     * the fault leaves open: then every field of the catalog that the patterns select is a candidate, and the
     * dependency operator only takes fields of the dependency catalog.
     */
    static List<Candidate> candidates(Campaign campaign, FaultSpec fault, List<StoredObjects.Selected> objects) {
        String operator = fault.operator();
        if (fault.fault().family() == Family.COMPONENT) {
            return componentCandidates(fault, campaign.cluster().realNodes());
        }
        boolean perField = !campaign.targets().fields().isEmpty()
                && fault.fault().parameter("field") != null
                && !fault.parameters().containsKey("field");
        Map<String, Candidate> out = new LinkedHashMap<>();
        for (StoredObjects.Selected s : objects) {
            if (!perField) {
                out.putIfAbsent(s.target().toString(), new Candidate(s.target(), Map.of()));
                continue;
            }
            for (Field f : FieldCatalog.of(s.object())) {
                String pattern = f.path().pattern();
                if (!campaign.targets().selectsField(pattern)) {
                    continue;
                }
                if (operator.equals("dependency") && DependencyCatalog.linkFor(s.target().kind(), pattern).isEmpty()) {
                    continue;
                }
                String path = f.path().toString();
                out.putIfAbsent(s.target() + " " + path, new Candidate(s.target(), Map.of("field", path)));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * A component fault aims at a process, not an object: the one its parameters name, or each of the control plane's
     * (a real node's daemon only when named: a campaign written before real nodes keeps its plan). A node's daemon is
     * one candidate per real node that runs it, or the one its {@code node} parameter names; a sample draws among
     * them with the seed.
     */
    static List<Candidate> componentCandidates(FaultSpec fault, int realNodes) {
        String named = fault.parametersAsText().get("component");
        List<Component> components = named != null ? List.of(Component.parse(named)) : Component.controlPlane();
        List<Candidate> out = new ArrayList<>();
        for (Component c : components) {
            Target target = Target.named(ComponentFault.TARGET_KIND, "", c.binary());
            if (!c.onNode()) {
                out.add(new Candidate(target, Map.of("component", c.binary())));
                continue;
            }
            String node = fault.parametersAsText().get(ComponentFault.NODE);
            for (String n : node != null ? List.of(node) : RealNodes.running(c, realNodes)) {
                out.add(new Candidate(target, Map.of("component", c.binary(), ComponentFault.NODE, n)));
            }
        }
        return out;
    }

    /**
     * An at-rest fault that names its field applies only to objects that have it: the others (a Service under
     * {@code field: spec.replicas}) would each end NOT_ACTIVATED. Without a named field every object stays.
     */
    static List<StoredObjects.Selected> withNamedField(FaultSpec fault, List<StoredObjects.Selected> objects) {
        String named = fault.parametersAsText().get("field");
        if (named == null || fault.fault().family() != Family.AT_REST || fault.fault().parameter("field") == null) {
            return objects;
        }
        FieldPath path = FieldPath.parse(named);
        return objects.stream().filter(s -> FieldCatalog.find(s.object(), path).isPresent()).toList();
    }

    private static String dropNote(int index, FaultSpec fault, List<StoredObjects.Selected> objects, List<StoredObjects.Selected> kept) {
        Set<StoredObjects.Selected> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        keep.addAll(kept);
        Map<String, Integer> byKind = new TreeMap<>();
        objects.stream().filter(o -> !keep.contains(o)).forEach(o -> byKind.merge(o.target().kind(), 1, Integer::sum));
        String kinds = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
        return "faults[" + index + "] (" + fault.operator() + " field=" + fault.parametersAsText().get("field") + "): dropped "
                + (objects.size() - kept.size()) + " of " + objects.size() + " targeted objects that have no field "
                + fault.parametersAsText().get("field") + " (" + kinds + ")";
    }
}
