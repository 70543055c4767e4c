package dev.mutineer.injector.codec;

import java.util.regex.Pattern;

/**
 * The grammar of resource.Quantity strings. The API server parses every Quantity while it
 * decodes a stored object and refuses the whole object when one does not parse, so a bit flip
 * inside "500m" can make a Pod undecodable.
 */
public final class QuantitySyntax {

    // <signedNumber><suffix>; suffix: binarySI | decimalSI | e/E<signedNumber>
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    private QuantitySyntax() {
    }

    public static boolean valid(String s) {
        return QUANTITY.matcher(s).matches();
    }
}
