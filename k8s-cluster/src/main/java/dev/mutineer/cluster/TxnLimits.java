package dev.mutineer.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * How much one etcd transaction may carry: etcd refuses a Txn with more than {@code --max-txn-ops}
 * operations or a request larger than {@code --max-request-bytes}. A steady-state restore is one
 * transaction when it fits, so that watchers see it as one revision.
 *
 * @param maxOps   etcd's --max-txn-ops
 * @param maxBytes etcd's --max-request-bytes
 */
public record TxnLimits(int maxOps, long maxBytes) {

    /** etcd's own defaults, which kubeadm (and so kind) keeps. */
    public static final TxnLimits ETCD_DEFAULTS = new TxnLimits(128, 1_572_864);

    /** Room for the request's framing beside the operations' own bytes. */
    static final long REQUEST_OVERHEAD = 64 * 1024;
    /** What one put or delete adds to the request beyond its key and value (tags, lengths, the RequestOp wrapper). */
    static final int OP_OVERHEAD = 32;

    public TxnLimits {
        if (maxOps < 1 || maxBytes <= REQUEST_OVERHEAD) {
            throw new IllegalArgumentException("etcd transaction limits too small: " + maxOps + " ops, " + maxBytes + " bytes");
        }
    }

    /** The bytes an operation of a key and value (0 for a delete) counts for against {@link #maxBytes}. */
    public static long opBytes(int keyBytes, int valueBytes) {
        return (long) keyBytes + valueBytes + OP_OVERHEAD;
    }

    /**
     * Splits operations, given by their {@link #opBytes sizes}, into consecutive transactions that each stay
     * within the limits: one transaction when everything fits. Returns the end index (exclusive) of each.
     */
    public List<Integer> split(List<Long> opSizes) {
        List<Integer> ends = new ArrayList<>();
        long budget = maxBytes - REQUEST_OVERHEAD;
        int ops = 0;
        long bytes = 0;
        for (int i = 0; i < opSizes.size(); i++) {
            long size = opSizes.get(i);
            if (ops > 0 && (ops == maxOps || bytes + size > budget)) {
                ends.add(i);
                ops = 0;
                bytes = 0;
            }
            ops++;
            bytes += size;
        }
        if (ops > 0) {
            ends.add(opSizes.size());
        }
        return ends;
    }
}
