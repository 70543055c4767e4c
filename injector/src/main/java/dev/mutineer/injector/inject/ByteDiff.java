package dev.mutineer.injector.inject;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How the stored bytes changed: for values of equal length every differing run of bytes;
 * otherwise the one region between the common prefix and the common suffix.
 */
public record ByteDiff(int lengthBefore, int lengthAfter, List<Region> regions) {

    /** Bytes [offset, offset + before.length/2) were {@code before} (hex) and became {@code after} (hex). */
    public record Region(int offset, String before, String after) { }

    public static final int MAX_REGIONS = 16;
    private static final int MAX_HEX_BYTES = 64;

    public ByteDiff {
        regions = List.copyOf(regions);
    }

    public static ByteDiff of(byte[] before, byte[] after) {
        if (after == null) {
            return new ByteDiff(before.length, 0, List.of(region(before, 0, before.length, new byte[0], 0, 0)));
        }
        List<Region> regions = new ArrayList<>();
        if (before.length == after.length) {
            int i = 0;
            while (i < before.length && regions.size() < MAX_REGIONS) {
                if (before[i] == after[i]) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < before.length && before[j] != after[j]) {
                    j++;
                }
                regions.add(region(before, i, j, after, i, j));
                i = j;
            }
        } else {
            int p = 0;
            int max = Math.min(before.length, after.length);
            while (p < max && before[p] == after[p]) {
                p++;
            }
            int s = 0;
            while (s < max - p && before[before.length - 1 - s] == after[after.length - 1 - s]) {
                s++;
            }
            regions.add(region(before, p, before.length - s, after, p, after.length - s));
        }
        return new ByteDiff(before.length, after.length, regions);
    }

    private static Region region(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        return new Region(aFrom, hex(a, aFrom, aTo), hex(b, bFrom, bTo));
    }

    private static String hex(byte[] v, int from, int to) {
        int end = Math.min(to, from + MAX_HEX_BYTES);
        String h = HexFormat.of().formatHex(v, from, end);
        return end < to ? h + "...(" + (to - from) + " bytes)" : h;
    }

    public boolean unchanged() {
        return lengthBefore == lengthAfter && regions.isEmpty();
    }
}
