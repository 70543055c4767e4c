package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;

import java.util.List;

/** The 127.0.0.1 ports of one local control plane. */
record ComponentPorts(int etcd, int etcdPeer, int apiserver, int controllerManager, int scheduler, int kwok) {

    /** Fresh ports for a new cluster; {@link #release()} hands them back. */
    static ComponentPorts allocate() {
        return new ComponentPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free());
    }

    /** The port a component serves its API (etcd: clients) or its health endpoint on. */
    int of(Component c) {
        return switch (c) {
            case ETCD -> etcd;
            case APISERVER -> apiserver;
            case CONTROLLER_MANAGER -> controllerManager;
            case SCHEDULER -> scheduler;
            case KWOK -> kwok;
            case CONTAINERD, KUBELET, KUBE_PROXY -> throw new IllegalArgumentException(c.binary() + " runs on a real node, inside the namespace");
        };
    }

    List<Integer> all() {
        return List.of(etcd, etcdPeer, apiserver, controllerManager, scheduler, kwok);
    }

    void release() {
        Ports.release(all());
    }
}
