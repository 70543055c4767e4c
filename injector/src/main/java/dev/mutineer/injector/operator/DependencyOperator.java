package dev.mutineer.injector.operator;

import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import dev.mutineer.cluster.resource.DependencyField;
import dev.mutineer.cluster.resource.DependencyField.Role;
import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldEdit;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.StoredObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * Breaks a link between objects (see {@link DependencyCatalog}). Parameters: {@code field}
 * (a path the catalog lists for this kind; random among the object's links when absent) and
 * {@code to}: {@code nothing} (point at an object that does not exist), {@code other} (at
 * another existing object), {@code self} (at the object itself), {@code remove} (drop the
 * reference: the list element or map entry holding it, or the field).
 */
public final class DependencyOperator extends AtRestFault {

    public static final String NAME = "dependency";
    static final List<String> OWNER_KINDS = List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "Node");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String doc() {
        return "A value fault on fields that link objects (ownerReferences, labels, selectors, nodeName, ...).";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.drawn("field", "a dependency field of the kind; random among the object's links when unset", ParameterType.TEXT),
                Parameter.drawn("to", "where the link points afterwards", ParameterType.oneOf("nothing", "other", "self", "remove")));
    }

    /** The object's fields that the dependency catalog lists, with their link. */
    public static List<Field> dependencyFields(StoredObject o) {
        return FieldCatalog.of(o).stream()
                .filter(FieldMutations::isLeaf)
                .filter(f -> DependencyCatalog.linkFor(o.kind(), f.path().pattern()).isPresent())
                .toList();
    }

    @Override
    public Mutation apply(OperatorInput in) {
        StoredObject o = in.object();
        Field f = FieldMutations.pick(in, field -> FieldMutations.isLeaf(field)
                && DependencyCatalog.linkFor(o.kind(), field.path().pattern()).isPresent(), "dependency field");
        DependencyField link = DependencyCatalog.linkFor(o.kind(), f.path().pattern())
                .orElseThrow(() -> new NotApplicableException(f.path() + " is not a dependency field of a " + o.kind()));
        List<String> targets = targetsFor(link.role());
        String to = in.parameters().get("to");
        if (to != null) {
            if (!targets.contains(to)) {
                throw new NotApplicableException("to=" + to + " does not apply to " + f.path() + "; it takes " + targets);
            }
            return breakLink(in, o, f, link, to);
        }
        // drawn: try the targets in a seeded order until one applies (no other object, or self already there)
        List<String> drawn = new ArrayList<>(targets);
        java.util.Collections.shuffle(drawn, in.random());
        List<String> why = new ArrayList<>();
        for (String t : drawn) {
            try {
                return breakLink(in, o, f, link, t);
            } catch (NotApplicableException e) {
                why.add(e.getMessage());
            }
        }
        throw new NotApplicableException("no way to break " + f.path() + ": " + why);
    }

    private static Mutation breakLink(OperatorInput in, StoredObject o, Field f, DependencyField link, String to) {
        String description = "dependency " + link.role().name().toLowerCase() + " " + f.path() + " -> " + to;
        if (to.equals("remove")) {
            return FieldMutations.edit(in.original(), o, referenceHolder(f.path()), new FieldEdit.Remove(), description);
        }
        Object replacement = replacement(in, o, f, link, to, in.random());
        if (String.valueOf(replacement).equals(String.valueOf(f.value()))) {
            throw new NotApplicableException(description + ": " + f.path() + " already holds " + f.display());
        }
        return FieldMutations.edit(in.original(), o, f, new FieldEdit.Set(replacement), description);
    }

    static List<String> targetsFor(Role role) {
        return switch (role) {
            case CONTROLLER_FLAG -> List.of("other", "remove");
            case FINALIZER -> List.of("nothing", "remove");
            default -> List.of("nothing", "other", "self", "remove");
        };
    }

    /** The list element or map entry that holds the reference, or the field itself. */
    static FieldPath referenceHolder(FieldPath p) {
        List<FieldPath.Segment> s = p.segments();
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.get(i).bracketed()) {
                return new FieldPath(s.subList(0, i + 1));
            }
        }
        return p;
    }

    private static Object replacement(OperatorInput in, StoredObject o, Field f, DependencyField link, String to, Random r) {
        String current = String.valueOf(f.value());
        return switch (link.role()) {
            case CONTROLLER_FLAG -> !(Boolean) f.value();
            case FINALIZER -> "mutineer.dev/never-removed";
            case OWNER_KIND -> switch (to) {
                case "nothing" -> "MutineerKind";
                case "self" -> o.kind();
                default -> {
                    List<String> others = new ArrayList<>(OWNER_KINDS);
                    others.remove(current);
                    yield others.get(r.nextInt(others.size()));
                }
            };
            case UID -> switch (to) {
                case "nothing" -> new UUID(r.nextLong(), r.nextLong()).toString();
                case "self" -> o.uid();
                default -> pickOther(in, referent(o, f, link), o.namespace(), StoredObject::uid, current, f, r);
            };
            case NAME -> switch (to) {
                case "nothing" -> "mutineer-missing-" + ValueOperator.randomString(r, 5);
                case "self" -> o.name();
                default -> pickOther(in, referent(o, f, link), o.namespace(), StoredObject::name, current, f, r);
            };
            case HOLDER -> switch (to) {
                case "nothing" -> "mutineer-missing-" + ValueOperator.randomString(r, 5);
                case "self" -> o.name();
                default -> pickOther(in, "Lease", o.namespace(), n -> FieldCatalog.find(n, FieldPath.parse("spec.holderIdentity"))
                        .map(x -> String.valueOf(x.value())).orElse(""), current, f, r);
            };
            case LABEL, SELECTOR -> switch (to) {
                case "nothing" -> "mutineer-" + ValueOperator.randomString(r, 6);
                case "self" -> o.name();
                default -> {
                    // the same field of another object of this kind: another workload's selector or label value
                    String path = f.path().toString();
                    yield pickOther(in, o.kind(), o.namespace(), n -> FieldCatalog.find(n, FieldPath.parse(path))
                            .map(x -> String.valueOf(x.value())).orElse(""), current, f, r);
                }
            };
        };
    }

    /** The kind a reference points at: fixed by the link, or read from the sibling "kind" field. */
    private static String referent(StoredObject o, Field f, DependencyField link) {
        if (link.referent() != null) {
            return link.referent();
        }
        FieldPath kindPath = f.path().parent().field("kind");
        return FieldCatalog.find(o, kindPath).map(k -> String.valueOf(k.value()))
                .orElseThrow(() -> new NotApplicableException("no " + kindPath + " to tell what " + f.path() + " points at"));
    }

    private static String pickOther(OperatorInput in, String kind, String namespace,
                                    java.util.function.Function<StoredObject, String> attribute,
                                    String current, Field f, Random r) {
        List<StoredObject> others = in.neighbours().objects(kind, namespace).stream()
                .filter(o -> !attribute.apply(o).isEmpty() && !Objects.equals(attribute.apply(o), current))
                .toList();
        if (others.isEmpty()) {
            throw new NotApplicableException("no other " + kind + " to point " + f.path() + " at");
        }
        // drawn by name, which other copies of the cluster share, and not by UID or by index (see StableDraw)
        return attribute.apply(StableDraw.pick(others, o -> o.namespace() + "/" + o.name(), o -> 1, r.nextLong()));
    }
}
