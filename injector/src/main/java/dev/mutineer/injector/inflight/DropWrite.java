package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;

import java.util.Map;

/** A write answered with success but never sent to etcd (a lost update). */
public final class DropWrite extends InflightFault {

    public DropWrite() {
        super("drop-write", "A write answered with success but never sent to etcd (a lost update).", Channel.WRITES);
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.DropWrite();
    }
}
