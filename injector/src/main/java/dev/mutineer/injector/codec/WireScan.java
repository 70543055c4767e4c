package dev.mutineer.injector.codec;

import java.util.ArrayList;
import java.util.List;

/** A tolerant scan of the top-level fields of a protobuf buffer; stops quietly at anything malformed. */
final class WireScan {

    /**
     * One field occurrence.
     *
     * @param lengthStart where the length varint starts (length-delimited fields), else the value start
     * @param start       where the value (content) starts
     * @param end         where it ends
     */
    record Occ(int number, int wireType, int lengthStart, int start, int end) { }

    private WireScan() {
    }

    static List<Occ> fields(byte[] buf, int start, int end) {
        List<Occ> out = new ArrayList<>();
        int[] pos = {start};
        while (pos[0] < end) {
            long tag = varint(buf, pos, end);
            if (tag < 0) {
                break;
            }
            int wireType = (int) (tag & 7);
            int lengthStart = pos[0];
            int valueStart = pos[0];
            switch (wireType) {
                case 0 -> {
                    if (varint(buf, pos, end) < 0) {
                        return out;
                    }
                }
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    long len = varint(buf, pos, end);
                    if (len < 0 || pos[0] + len > end) {
                        return out;
                    }
                    valueStart = pos[0];
                    pos[0] += (int) len;
                }
                default -> {
                    return out;
                }
            }
            if (pos[0] > end) {
                return out;
            }
            out.add(new Occ((int) (tag >>> 3), wireType, lengthStart, valueStart, pos[0]));
        }
        return out;
    }

    /** The last occurrence of field number (the one that wins when decoding), or null. */
    static Occ last(List<Occ> l, int number) {
        Occ found = null;
        for (Occ o : l) {
            if (o.number() == number) {
                found = o;
            }
        }
        return found;
    }

    private static long varint(byte[] buf, int[] pos, int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
                return -1;
            }
            byte b = buf[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        return -1;
    }
}
