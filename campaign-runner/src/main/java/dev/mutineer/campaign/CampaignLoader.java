package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a campaign file: YAML binding (types, unknown fields, enum names, durations), then
 * semantic validation and a check of the workload manifests. Either a valid {@link Campaign}
 * comes back or a {@link CampaignException} whose problems each name file, line and field.
 */
public final class CampaignLoader {

    private final YAMLMapper mapper;
    private final YAMLFactory factory;
    private final WorkloadScope scope;

    /** A loader that reads workloads only inside each campaign's directory tree. */
    public CampaignLoader() {
        this(WorkloadScope.CAMPAIGN_TREE);
    }

    public CampaignLoader(WorkloadScope scope) {
        this.scope = scope;
        mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // reset: 1 is not the second reset mode
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                // seed: 1.5 and nodes: 3.5 are mistakes, not 1 and 3.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addModule(WholeNumbers.module())
                .build();
        factory = mapper.getFactory();
    }

    public Campaign load(Path file) throws CampaignException {
        String text;
        try {
            text = InputFiles.read(file, InputFiles.MAX_CAMPAIGN_BYTES, "campaign");
        } catch (InputFiles.Refused e) {
            throw new CampaignException(List.of(new Problem(file, e.line(), 0, "", e.getMessage())));
        }
        if (text.isBlank()) {
            throw single(file, "the file is empty; a campaign needs at least name, workload and faults");
        }

        SourceMap sources;
        try {
            sources = SourceMap.of(factory, text);
        } catch (JsonProcessingException e) {
            throw new CampaignException(List.of(bindingProblem(file, text, e)));
        } catch (IOException e) {
            throw single(file, "cannot read: " + e.getMessage());
        }
        String notAMapping = topLevel(text);
        if (notAMapping != null) {
            throw single(file, "the file holds " + notAMapping + ", not a campaign: a campaign is a mapping of fields"
                    + " such as 'name: ...', 'workload: [...]' and 'faults: [...]'");
        }
        if (!sources.aliases().isEmpty()) {
            throw new CampaignException(sources.aliases().stream()
                    .map(a -> at(file, a.location(), a.field(), a.message())).toList());
        }

        Campaign campaign;
        BindingProblems binding = new BindingProblems();
        try {
            campaign = mapper.readerFor(Campaign.class).withHandler(binding).readValue(text);
        } catch (JsonProcessingException e) {
            List<Problem> problems = new ArrayList<>();
            binding.found().forEach(f -> problems.add(at(file, f.location(), f.field(), f.message())));
            problems.add(bindingProblem(file, text, e));
            throw new CampaignException(problems);
        } catch (IOException e) {
            throw single(file, "cannot read: " + e.getMessage());
        }
        campaign = campaign.withFile(file);

        List<Problem> problems = new ArrayList<>();
        for (BindingProblems.Found f : binding.found()) {
            JsonLocation exact = sources.locate(f.field());
            problems.add(at(file, exact != null && !f.field().isEmpty() ? exact : f.location(), f.field(), f.message()));
        }
        for (CampaignValidator.Finding f : new CampaignValidator(campaign).validate()) {
            // A value that did not bind is null now; "missing" on top of "malformed" would only confuse.
            boolean alreadyReported = binding.found().stream().anyMatch(b -> f.field().equals(b.field())
                    || f.field().startsWith(b.field() + ".") || f.field().startsWith(b.field() + "["));
            if (!alreadyReported) {
                problems.add(at(file, sources.locate(f.field()), f.field(), f.message()));
            }
        }
        problems.addAll(workloadProblems(file, campaign, sources, scope));
        if (!problems.isEmpty()) {
            // In file order, as an editor lists them; the campaign file before its manifests.
            problems.sort(Comparator.comparing((Problem p) -> !p.file().equals(file)).thenComparing(Problem::file)
                    .thenComparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new CampaignException(problems);
        }
        return campaign;
    }

    /** Every problem of the workload manifests, checked together: custom kinds come from CRDs in any of them. */
    private static List<Problem> workloadProblems(Path file, Campaign campaign, SourceMap sources, WorkloadScope scope) {
        List<Problem> problems = new ArrayList<>();
        Path dir = file.toAbsolutePath().normalize().getParent();
        List<Path> manifests = new ArrayList<>();
        boolean pathsOk = true;
        for (int i = 0; i < campaign.workload().size(); i++) {
            String field = "workload[" + i + "]";
            String entry = campaign.workload().get(i);
            if (entry.isBlank() || entry.indexOf('\0') >= 0) {
                pathsOk = false;
                continue; // already reported by the validator
            }
            Path manifest;
            try {
                manifest = dir.resolve(entry).normalize();
            } catch (InvalidPathException e) {
                problems.add(at(file, sources.locate(field), field, "'" + entry + "' is not a file path"));
                pathsOk = false;
                continue;
            }
            // Before the path is looked at: outside the tree, not even whether it exists is told.
            Optional<String> outside = scope.refusal(dir, entry, manifest);
            if (outside.isPresent()) {
                problems.add(at(file, sources.locate(field), field, outside.get()));
                pathsOk = false;
                continue;
            }
            if (!Files.exists(manifest)) {
                problems.add(at(file, sources.locate(field), field, "workload manifest " + manifest + " does not exist"));
                pathsOk = false;
                continue;
            }
            Path resolved = manifest;
            // The entry itself, and for a directory each of its files: a link inside may point out.
            Optional<String> linkedOut = Stream.concat(Stream.of(manifest), WorkloadManifests.expand(manifest).stream())
                    .map(f -> scope.linkRefusal(dir, entry, resolved, f)).flatMap(Optional::stream).findFirst();
            if (linkedOut.isPresent()) {
                problems.add(at(file, sources.locate(field), field, linkedOut.get()));
                pathsOk = false;
                continue;
            }
            List<Path> expanded = WorkloadManifests.expand(manifest);
            if (expanded.isEmpty()) {
                problems.add(at(file, sources.locate(field), field, "workload directory " + manifest + " holds no *.yaml or *.yml file"));
                pathsOk = false;
            }
            manifests.addAll(expanded);
        }
        WorkloadManifests.Reading reading = WorkloadManifests.read(manifests);
        problems.addAll(reading.problems());
        if (pathsOk && reading.problems().isEmpty() && reading.objects().isEmpty() && !campaign.workload().isEmpty()) {
            problems.add(at(file, sources.locate("workload"), "workload",
                    "the manifests declare no objects (0 objects); a campaign needs a workload to inject faults into"));
        }
        return problems;
    }

    /** What the document's top level is when it is not a mapping ("a list", "nothing"), else null. */
    private String topLevel(String text) {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                return null;
            }
            return t == null || t == JsonToken.VALUE_NULL ? "nothing (an empty document)"
                    : t == JsonToken.START_ARRAY ? "a list" : "a single value ('" + abbreviate(p.getText()) + "')";
        } catch (IOException e) {
            return null; // SourceMap parsed it already; a second parse fails the same way, reported there
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static CampaignException single(Path file, String message) {
        return new CampaignException(List.of(new Problem(file, 0, 0, "", message)));
    }

    private static Problem at(Path file, JsonLocation loc, String field, String message) {
        return loc == null ? new Problem(file, 0, 0, field, message)
                : new Problem(file, loc.getLineNr(), loc.getColumnNr(), field, message);
    }

    /** Turns Jackson's messages (which name Java types) into ones that name the YAML field. */
    private Problem bindingProblem(Path file, String text, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        if (e instanceof InputCoercionException ic) {
            // A number beyond the field's range: Jackson stops here, naming Java's int or long.
            String field = ic.getProcessor() != null ? BindingProblems.pathOf(ic.getProcessor()) : "";
            JsonLocation exact = sources(text).locate(field);
            return at(file, exact != null && !field.isEmpty() ? exact : loc, field, "number too large: at most "
                    + (ic.getTargetType() == Long.TYPE || ic.getTargetType() == Long.class ? Long.MAX_VALUE : Integer.MAX_VALUE));
        }
        if (!(e instanceof JsonMappingException jm)) {
            // YAML syntax (bad indentation, unclosed quote, duplicate key): the parser's own words.
            return at(file, loc, "", ParserMessages.plain(e.getOriginalMessage()));
        }
        String field = SourceMap.pathOf(jm.getPath());
        // The map's position is the value's start; Jackson's may be the end of the enclosing object.
        JsonLocation exact = sources(text).locate(field);
        if (exact != null) {
            loc = exact;
        }
        // Most binding problems are collected by BindingProblems; what still throws is structural.
        String message;
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            message = ParserMessages.plain(v.getCause().getMessage());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "expected " + BindingProblems.describe(m.getTargetType());
        } else {
            message = ParserMessages.plain(jm.getOriginalMessage());
        }
        return at(file, loc, field, message);
    }

    /** The source map of text that may not parse; empty (locating nothing) when it does not. */
    private SourceMap sources(String text) {
        try {
            return SourceMap.of(factory, text);
        } catch (IOException e) {
            return new SourceMap();
        }
    }
}
