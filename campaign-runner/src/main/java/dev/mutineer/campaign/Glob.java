package dev.mutineer.campaign;

import java.util.regex.Pattern;

/**
 * The two pattern languages of a campaign's targets. Deliberately small: '*' and '**' only, so
 * the brackets and dots of field paths need no escaping.
 */
public final class Glob {

    private Glob() {
    }

    /**
     * A pattern on object names: '*' matches any run of characters, everything else itself.
     * {@code frontend-*} selects frontend-7d9f-abcde.
     */
    public static Pattern name(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    /**
     * A pattern on field paths as the injector's catalog writes them ({@code FieldPath.pattern()}:
     * {@code spec.template.spec.containers[*].image}, {@code metadata.labels[app]}).
     * {@code [*]} matches any index or map key, {@code *} any run within one dotted segment,
     * {@code **} anything, across segments.
     *
     * @throws IllegalArgumentException for unbalanced brackets
     */
    public static Pattern field(String glob) {
        StringBuilder re = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (glob.startsWith("[*]", i)) {
                re.append("\\[[^\\]]*\\]");
                i += 2;
            } else if (glob.startsWith("**", i)) {
                re.append(".*");
                i += 1;
            } else if (c == '*') {
                re.append("[^.\\[]*");
            } else {
                if (c == '[') depth++;
                if (c == ']' && --depth < 0) break;
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced [ ] in field pattern '" + glob + "'");
        }
        return Pattern.compile(re.toString());
    }
}
