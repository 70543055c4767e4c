package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads workload manifests (multi-document YAML, as kubectl takes them) far enough to know
 * which objects they declare, so a campaign with a broken manifest fails before any cluster starts:
 * each object needs a kind the cluster serves (the kinds of {@link ResourceKinds}, or one a
 * CustomResourceDefinition of the same workload defines) at its apiVersion, and a name.
 */
public final class WorkloadManifests {

    /** One object a manifest declares; namespace is "" when the manifest leaves it to the default. */
    public record WorkloadObject(String kind, String namespace, String name, Path file, int line) {
        @Override
        public String toString() {
            return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    /** The objects of some manifests and every problem found in them. */
    public record Reading(List<WorkloadObject> objects, List<Problem> problems) {
    }

    /** An object as read, before its kind is checked against the kinds known then. */
    private record Declared(WorkloadObject object, String document, String apiVersion, JsonNode node) {
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final String CRD = "CustomResourceDefinition";

    private WorkloadManifests() {
    }

    /** A manifest file as itself; a directory as its *.yaml and *.yml files in name order (not recursive). */
    public static List<Path> expand(Path entry) {
        if (!Files.isDirectory(entry)) {
            return List.of(entry);
        }
        try (Stream<Path> files = Files.list(entry)) {
            return files.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list workload directory " + entry, e);
        }
    }

    /** Every problem of one manifest file, located by document line. */
    public static List<Problem> check(Path file) {
        return read(List.of(file)).problems();
    }

    /** The objects of the given manifests, in file order. Call after {@link #check} found nothing. */
    public static List<WorkloadObject> objects(List<Path> files) {
        return read(files).objects();
    }

    /** Reads the manifests of one workload together: a CRD in one file defines a kind another file uses. */
    public static Reading read(List<Path> files) {
        List<Problem> problems = new ArrayList<>();
        List<Declared> declared = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            long size = 0;
            try {
                size = Files.isRegularFile(f) ? Files.size(f) : 0;
            } catch (IOException e) {
                // read() below names the problem
            }
            // A file over the limit by itself is refused by its own reading, unread, and counts for nothing here.
            total += size <= InputFiles.MAX_MANIFEST_BYTES ? size : 0;
            if (total > InputFiles.MAX_MANIFEST_BYTES) {
                problems.add(new Problem(f, 0, 0, "", "the workload's manifests together exceed the limit of "
                        + InputFiles.size(InputFiles.MAX_MANIFEST_BYTES)));
                break;
            }
            declared.addAll(read(f, problems));
        }
        Map<String, String> kinds = servedKinds(declared);
        List<WorkloadObject> objects = new ArrayList<>();
        for (Declared d : declared) {
            WorkloadObject o = d.object();
            String served = kinds.get(d.object().kind());
            String field = d.document();
            if (served == null) {
                problems.add(new Problem(o.file(), o.line(), 0, field + ".kind", "unknown kind '" + o.kind() + "'"
                        + Suggestions.didYouMean(o.kind(), kinds.keySet())
                        + " (known: the built-in kinds mutineer handles, and kinds a CustomResourceDefinition of the workload defines)"));
            } else if (!served.contains(" " + d.apiVersion() + " ")) {
                problems.add(new Problem(o.file(), o.line(), 0, field + ".apiVersion", "kind " + o.kind() + " is served as "
                        + String.join(" or ", served.strip().split(" ")) + ", not '" + d.apiVersion() + "'"));
            } else {
                objects.add(o);
            }
        }
        return new Reading(objects, problems);
    }

    /** kind -> " apiVersion1 apiVersion2 " (space-delimited) for the built-in kinds and the workload's CRDs. */
    private static Map<String, String> servedKinds(List<Declared> declared) {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (ResourceKind k : ResourceKinds.all()) {
            kinds.merge(k.kind(), " " + k.apiVersion() + " ", String::concat);
        }
        for (Declared d : declared) {
            if (!d.object().kind().equals(CRD)) {
                continue;
            }
            JsonNode spec = d.node().path("spec");
            String kind = spec.path("names").path("kind").asText("");
            String group = spec.path("group").asText("");
            if (kind.isEmpty() || group.isEmpty()) {
                continue;
            }
            StringBuilder versions = new StringBuilder(" ");
            spec.path("versions").forEach(v -> versions.append(group).append('/').append(v.path("name").asText("")).append(' '));
            kinds.merge(kind, versions.toString(), String::concat);
        }
        return kinds;
    }

    private static List<Declared> read(Path file, List<Problem> problems) {
        List<Declared> objects = new ArrayList<>();
        String text;
        try {
            text = InputFiles.read(file, InputFiles.MAX_MANIFEST_BYTES, "workload manifest");
        } catch (InputFiles.Refused e) {
            problems.add(new Problem(file, e.line(), 0, "", e.getMessage()));
            return objects;
        }
        if (aliases(file, text, problems)) {
            return objects;
        }
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            int doc = 0;
            while (p.nextToken() != null) {
                doc++;
                JsonLocation loc = p.currentTokenLocation();
                int line = loc.getLineNr();
                String where = "document " + doc;
                JsonNode node = MAPPER.readTree(p);
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue; // an empty document between two "---" lines is allowed by kubectl
                }
                if (!node.isObject()) {
                    problems.add(new Problem(file, line, loc.getColumnNr(), where, "expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got "
                            + (node.isArray() ? "a list" : "a single value")));
                    continue;
                }
                String apiVersion = text(node.path("apiVersion"));
                String kind = text(node.path("kind"));
                String name = text(node.path("metadata").path("name"));
                if (apiVersion.isEmpty()) problems.add(new Problem(file, line, loc.getColumnNr(), where + ".apiVersion", "missing"));
                if (kind.isEmpty()) problems.add(new Problem(file, line, loc.getColumnNr(), where + ".kind", "missing"));
                if (name.isEmpty()) problems.add(new Problem(file, line, loc.getColumnNr(), where + ".metadata.name", "missing"));
                if (!kind.isEmpty() && !name.isEmpty() && !apiVersion.isEmpty()) {
                    objects.add(new Declared(new WorkloadObject(kind, text(node.path("metadata").path("namespace")), name, file, line),
                            where, apiVersion, node));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(new Problem(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), "",
                    "not valid YAML: " + ParserMessages.plain(e.getOriginalMessage())));
        } catch (IOException e) {
            problems.add(new Problem(file, 0, 0, "", "cannot read: " + e.getMessage()));
        }
        return objects;
    }

    /**
     * Reports every YAML alias (*name): the parser reads an alias as its name's text, so a manifest using one would
     * be applied with the wrong value. Syntax errors are left to the reading that follows.
     */
    private static boolean aliases(Path file, String text, List<Problem> problems) {
        if (text.indexOf('*') < 0) {
            return false; // no alias without its '*': spares a large manifest a second parse
        }
        boolean found = false;
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    JsonLocation loc = p.currentTokenLocation();
                    problems.add(new Problem(file, loc.getLineNr(), loc.getColumnNr(), "",
                            "aliases (*" + p.getText() + ") are not supported; write the value out"));
                    found = true;
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** A scalar's text; "" for a missing value or a list or mapping where a name belongs. */
    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText("") : "";
    }
}
