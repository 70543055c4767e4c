package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads workload manifests (multi-document YAML, as kubectl takes them) far enough to know
 * which objects they declare, so a campaign with a broken manifest fails before any cluster starts.
 */
public final class WorkloadManifests {

    /** One object a manifest declares; namespace is "" when the manifest leaves it to the default. */
    public record WorkloadObject(String kind, String namespace, String name, Path file, int line) {
        @Override
        public String toString() {
            return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    private static final YAMLMapper MAPPER = new YAMLMapper();

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
        List<Problem> problems = new ArrayList<>();
        read(file, problems);
        return problems;
    }

    /** The objects of the given manifests, in file order. Call after {@link #check} found nothing. */
    public static List<WorkloadObject> objects(List<Path> files) {
        List<WorkloadObject> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(read(f, new ArrayList<>()));
        }
        return out;
    }

    private static List<WorkloadObject> read(Path file, List<Problem> problems) {
        List<WorkloadObject> objects = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(file.toFile())) {
            int doc = 0;
            while (p.nextToken() != null) {
                doc++;
                JsonLocation loc = p.currentTokenLocation();
                JsonNode node = MAPPER.readTree(p);
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue; // an empty document between two "---" lines is allowed by kubectl
                }
                String where = "document " + doc;
                if (!node.isObject()) {
                    problems.add(new Problem(file, loc.getLineNr(), loc.getColumnNr(), where, "expected a Kubernetes object (a mapping), got " + node.getNodeType()));
                    continue;
                }
                String apiVersion = node.path("apiVersion").asText("");
                String kind = node.path("kind").asText("");
                String name = node.path("metadata").path("name").asText("");
                if (apiVersion.isEmpty()) problems.add(new Problem(file, loc.getLineNr(), loc.getColumnNr(), where + ".apiVersion", "missing"));
                if (kind.isEmpty()) problems.add(new Problem(file, loc.getLineNr(), loc.getColumnNr(), where + ".kind", "missing"));
                if (name.isEmpty()) problems.add(new Problem(file, loc.getLineNr(), loc.getColumnNr(), where + ".metadata.name", "missing"));
                if (!kind.isEmpty() && !name.isEmpty()) {
                    objects.add(new WorkloadObject(kind, node.path("metadata").path("namespace").asText(""), name, file, loc.getLineNr()));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(new Problem(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), "",
                    "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new Problem(file, 0, 0, "", "cannot read: " + e.getMessage()));
        }
        return objects;
    }
}
