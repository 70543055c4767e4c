package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a campaign file: YAML binding (types, unknown fields, enum names, durations), then
 * semantic validation and a check of the workload manifests. Either a valid {@link Campaign}
 * comes back or a {@link CampaignException} whose problems each name file, line and field.
 */
public final class CampaignLoader {

    private final YAMLMapper mapper;
    private final YAMLFactory factory;

    public CampaignLoader() {
        mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        factory = mapper.getFactory();
    }

    public Campaign load(Path file) throws CampaignException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(file, "no such file");
        } catch (IOException e) {
            throw single(file, "cannot read: " + e.getMessage());
        }
        if (text.isBlank()) {
            throw single(file, "the file is empty; a campaign needs at least name, workload and faults");
        }

        Campaign campaign;
        SourceMap sources;
        BindingProblems binding = new BindingProblems();
        try {
            campaign = mapper.readerFor(Campaign.class).withHandler(binding).readValue(text);
            sources = SourceMap.of(factory, text);
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
        for (int i = 0; i < campaign.workload().size(); i++) {
            String field = "workload[" + i + "]";
            Path manifest = campaign.workloadPaths().get(i);
            if (campaign.workload().get(i).isBlank()) {
                continue; // already reported by the validator
            }
            if (!Files.exists(manifest)) {
                problems.add(at(file, sources.locate(field), field, "workload manifest " + manifest + " does not exist"));
                continue;
            }
            List<Path> manifests = WorkloadManifests.expand(manifest);
            if (manifests.isEmpty()) {
                problems.add(at(file, sources.locate(field), field, "workload directory " + manifest + " holds no *.yaml or *.yml file"));
            }
            for (Path m : manifests) {
                problems.addAll(WorkloadManifests.check(m));
            }
        }
        if (!problems.isEmpty()) {
            // In file order, as an editor lists them; the campaign file before its manifests.
            problems.sort(Comparator.comparing((Problem p) -> !p.file().equals(file)).thenComparing(Problem::file)
                    .thenComparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new CampaignException(problems);
        }
        return campaign;
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
        if (!(e instanceof JsonMappingException jm)) {
            // YAML syntax (bad indentation, unclosed quote, duplicate key): the parser's own words.
            return at(file, loc, "", e.getOriginalMessage());
        }
        String field = SourceMap.pathOf(jm.getPath());
        // The map's position is the value's start; Jackson's may be the end of the enclosing object.
        try {
            JsonLocation exact = SourceMap.of(factory, text).locate(field);
            if (exact != null) {
                loc = exact;
            }
        } catch (IOException ignored) {
            // keep Jackson's location
        }
        // Most binding problems are collected by BindingProblems; what still throws is structural.
        String message;
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            message = v.getCause().getMessage();
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "expected " + BindingProblems.describe(m.getTargetType()) + " (" + firstLine(m.getOriginalMessage()) + ")";
        } else {
            message = firstLine(jm.getOriginalMessage());
        }
        return at(file, loc, field, message);
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid value";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
