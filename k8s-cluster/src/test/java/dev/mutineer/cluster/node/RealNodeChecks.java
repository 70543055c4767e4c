package dev.mutineer.cluster.node;

import dev.mutineer.cluster.netns.NamespacePort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/** RealNodeLiveTest's checks for live tests of other modules (the injector's node component faults). */
public final class RealNodeChecks {

    private RealNodeChecks() {
    }

    /** An http-echo pod labelled app=echo in namespace default, on the named node (or any real node when null). */
    public static Pod echoPod(String name, String nodeName) {
        return RealNodeLiveTest.echoPod(name, nodeName);
    }

    /** Service echo: port 80 to the echo pods' 8080. */
    public static Service echoService() {
        return RealNodeLiveTest.echoService();
    }

    public static boolean ready(Pod p) {
        return RealNodeLiveTest.ready(p);
    }

    /** GET / through a relay into the namespace; null while nothing answers. */
    public static HttpResponse<String> get(NamespacePort port) {
        return RealNodeLiveTest.get(port);
    }

    /** PIDs whose command line is exactly {@code argv0} (a pod's server: "/http-echo"). */
    public static List<Long> processesRunning(String argv0) throws IOException {
        return RealNodeLiveTest.processesRunning(argv0);
    }

    /** PIDs of processes whose command line contains both strings. */
    public static List<Long> processesNaming(String a, String b) throws IOException {
        return RealNodeLiveTest.processesNaming(a, b);
    }

    public static List<ProcessHandle> handles(java.util.Collection<Long> pids) {
        return RealNodeLiveTest.handles(pids);
    }

    /** No process, mount, cgroup, node root, namespace or work directory of the cluster and its nodes is left. */
    public static void assertNoLeftovers(List<NodeLayout> layouts, List<ProcessHandle> pids, Path workDir, String ns) throws IOException {
        RealNodeLiveTest.assertNoLeftovers(layouts, pids, workDir, ns);
    }
}
