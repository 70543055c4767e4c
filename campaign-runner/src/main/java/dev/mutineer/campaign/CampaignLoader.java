package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
        try {
            campaign = mapper.readValue(text, Campaign.class);
            sources = SourceMap.of(factory, text);
        } catch (JsonProcessingException e) {
            throw new CampaignException(List.of(bindingProblem(file, text, e)));
        } catch (IOException e) {
            throw single(file, "cannot read: " + e.getMessage());
        }
        campaign = campaign.withFile(file);

        List<Problem> problems = new ArrayList<>();
        for (CampaignValidator.Finding f : new CampaignValidator(campaign).validate()) {
            problems.add(at(file, sources.locate(f.field()), f.field(), f.message()));
        }
        for (int i = 0; i < campaign.workload().size(); i++) {
            String field = "workload[" + i + "]";
            Path manifest = campaign.workloadPaths().get(i);
            if (campaign.workload().get(i).isBlank()) {
                continue; // already reported by the validator
            }
            if (!Files.isRegularFile(manifest)) {
                problems.add(at(file, sources.locate(field), field, "workload manifest " + manifest + " does not exist"));
                continue;
            }
            problems.addAll(WorkloadManifests.check(manifest));
        }
        if (!problems.isEmpty()) {
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
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            message = "unknown field '" + u.getPropertyName() + "'" + Suggestions.didYouMean(u.getPropertyName(), known)
                    + " (known here: " + String.join(", ", known) + ")";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            List<String> names = Arrays.stream(f.getTargetType().getEnumConstants()).map(CampaignLoader::label).toList();
            String value = String.valueOf(f.getValue());
            message = "unknown " + noun(f.getTargetType()) + " '" + value + "'" + Suggestions.didYouMean(value, names)
                    + " (expected one of " + String.join(", ", names) + ")";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() == Duration.class) {
            message = "'" + f.getValue() + "' is not a duration; " + Durations.HINT;
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            message = v.getCause().getMessage();
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "expected " + describe(m.getTargetType()) + " (" + firstLine(m.getOriginalMessage()) + ")";
        } else {
            message = firstLine(jm.getOriginalMessage());
        }
        return at(file, loc, field, message);
    }

    private static String label(Object enumConstant) {
        if (enumConstant instanceof Backend b) return b.label();
        if (enumConstant instanceof FaultOperator o) return o.label();
        return enumConstant.toString();
    }

    private static String noun(Class<?> enumType) {
        if (enumType == Backend.class) return "backend";
        if (enumType == FaultOperator.class) return "operator";
        return enumType.getSimpleName();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a text value";
        if (List.class.isAssignableFrom(type)) return "a list";
        if (java.util.Map.class.isAssignableFrom(type)) return "a mapping of names to values";
        if (type.isRecord()) return "a mapping with fields " + Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName()).filter(n -> !n.equals("file")).collect(Collectors.joining(", "));
        return type.getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid value";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
