package dev.mutineer.campaign;

import java.util.regex.Pattern;

/** The YAML parser's messages in the user's words: without Java class names or Jackson's configuration hints. */
final class ParserMessages {

    /** Jackson's hints name its settings, e.g. "(… from `StreamReadConstraints.getMaxNestingDepth()`)". */
    private static final Pattern SETTING_HINT = Pattern.compile(",? ?\\(?[^()]*`[A-Za-z]+\\.[A-Za-z]+\\(\\)`\\)?");
    /** A fully qualified Java name, e.g. java.lang.Integer or org.yaml.snakeyaml.Foo. */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");

    private ParserMessages() {
    }

    static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "invalid YAML";
        }
        String first = message.lines().findFirst().orElse("invalid YAML").strip();
        String out = SETTING_HINT.matcher(first).replaceAll("");
        out = JAVA_NAME.matcher(out).replaceAll("value");
        out = out.replace("StreamReadConstraints", "the parser's limits");
        return out.isBlank() ? "invalid YAML" : out;
    }
}
