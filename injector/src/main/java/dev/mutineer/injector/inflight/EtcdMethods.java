package dev.mutineer.injector.inflight;

import java.util.Set;

/** Full gRPC names of the etcd methods the rules parse. Every other method is relayed unparsed. */
public final class EtcdMethods {

    public static final String RANGE = "etcdserverpb.KV/Range";
    public static final String PUT = "etcdserverpb.KV/Put";
    public static final String DELETE_RANGE = "etcdserverpb.KV/DeleteRange";
    public static final String TXN = "etcdserverpb.KV/Txn";
    public static final String WATCH = "etcdserverpb.Watch/Watch";

    /** The API server writes only through Txn; Put and DeleteRange are here for other clients. */
    public static final Set<String> WRITES = Set.of(TXN, PUT, DELETE_RANGE);
    public static final Set<String> KV = Set.of(RANGE, PUT, DELETE_RANGE, TXN);

    private EtcdMethods() {
    }

    /** "KV/Txn" or "etcdserverpb.KV/Txn" to the full name. */
    public static String fullName(String name) {
        return name.startsWith("etcdserverpb.") ? name : "etcdserverpb." + name;
    }
}
