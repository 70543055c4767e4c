package dev.mutineer.cluster.kind;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Controls kubeadm's static control-plane pods inside a kind node. Signals go straight to the
 * processes (the node's PID namespace contains the pods' processes); a durable stop moves the
 * pod manifest out of /etc/kubernetes/manifests, which makes the kubelet remove the pod, and a
 * restart moves it back.
 *
 * <p>The kubelet keeps static pods alive: after {@code kill} it restarts the container on its
 * own (after its crash back-off), and a process paused for longer than the liveness probe
 * allows (about 80 s for kube-apiserver) is killed and restarted by it.
 */
final class StaticPods {

    /** Where kubeadm puts the manifests and the kubelet watches them. */
    static final String KUBEADM_MANIFESTS = "/etc/kubernetes/manifests";

    /** Runs a bash script where the control plane runs; returns stdout, throws on a non-zero exit. */
    interface Shell {
        String run(String script);
    }

    /** Static pod manifest names, which are also the processes' argv[0]. */
    private static final Map<Component, String> NAMES = Map.of(
            Component.ETCD, "etcd",
            Component.APISERVER, "kube-apiserver",
            Component.CONTROLLER_MANAGER, "kube-controller-manager",
            Component.SCHEDULER, "kube-scheduler");

    static final List<Component> CONTROLLED = List.of(Component.ETCD, Component.APISERVER,
            Component.CONTROLLER_MANAGER, Component.SCHEDULER);

    /**
     * Prints the PIDs whose command line starts with "$1 ". Reads /proc directly because the
     * node image does not promise procps, and pgrep -x would miss names longer than 15 characters.
     */
    private static final String PIDS_OF = "pids_of() { for d in /proc/[0-9]*; do "
            + "c=$(tr '\\0' ' ' < \"$d/cmdline\" 2>/dev/null) || continue; "
            + "case \"$c\" in \"$1 \"*) echo \"${d#/proc/}\";; esac; done; }; ";

    private final Shell shell;
    private final String manifests;
    /** Stopped components' manifests wait here, beside the watched directory (same file system: mv is a rename). */
    private final String parked;

    StaticPods(Shell shell, String manifestDir) {
        this.shell = shell;
        this.manifests = manifestDir;
        this.parked = manifestDir + "-mutineer-stopped";
    }

    static String name(Component c) {
        String n = NAMES.get(c);
        if (n == null) {
            throw new UnsupportedOperationException("kind backend: " + c.binary() + " is not part of a kind cluster "
                    + "(kind runs real kubelets, not kwok); components here: etcd, kube-apiserver, "
                    + "kube-controller-manager, kube-scheduler");
        }
        return n;
    }

    ComponentState state(Component c) {
        String n = name(c);
        // 'T' (stopped by signal) in /proc/PID/stat means paused; no process means down.
        // "; true": a process that exits between listing and reading must not fail the question.
        String out = shell.run(PIDS_OF + "for p in $(pids_of " + n + "); do "
                + "s=$(cut -d' ' -f3 /proc/$p/stat 2>/dev/null) && echo $s; done; true").strip();
        if (out.isEmpty()) {
            return ComponentState.DOWN;
        }
        return out.lines().allMatch("T"::equals) ? ComponentState.PAUSED : ComponentState.RUNNING;
    }

    void signal(Component c, String signal) {
        String n = name(c);
        shell.run(PIDS_OF + "p=$(pids_of " + n + "); [ -n \"$p\" ] || { echo '" + n + " is not running' >&2; exit 3; }; "
                + "kill -s " + signal + " $p 2>/dev/null || true"); // one of several may have exited meanwhile
    }

    /** Moves the manifest away and waits until the kubelet has stopped the process. */
    void stop(Component c, Duration timeout) {
        String n = name(c);
        shell.run("mkdir -p " + parked + " && if [ -f " + manifests + "/" + n + ".yaml ]; then mv "
                + manifests + "/" + n + ".yaml " + parked + "/" + n + ".yaml; fi");
        // A paused process cannot handle the kubelet's SIGTERM: let it run so it can stop.
        if (state(c) == ComponentState.PAUSED) {
            signal(c, "CONT");
        }
        await(() -> state(c) == ComponentState.DOWN, timeout, n + " to stop after its manifest was removed");
    }

    /** Puts a parked manifest back (if any) and waits until the process runs. */
    void start(Component c, Duration timeout) {
        String n = name(c);
        shell.run("if [ -f " + parked + "/" + n + ".yaml ]; then mv " + parked + "/" + n + ".yaml "
                + manifests + "/" + n + ".yaml; fi");
        await(() -> state(c) == ComponentState.RUNNING, timeout, n + " to run again");
    }

    /**
     * Adds or replaces {@code --feature-gates} in the static pod manifests of the control plane.
     * The kubelet notices the changed files and recreates the pods with the new flag.
     */
    void setFeatureGates(String flagValue) {
        for (Component c : List.of(Component.APISERVER, Component.CONTROLLER_MANAGER, Component.SCHEDULER)) {
            String n = name(c);
            String f = manifests + "/" + n + ".yaml";
            // sed -i writes a new file and renames it, so the kubelet never reads half a manifest.
            shell.run("set -e; f=" + f + "; "
                    + "if grep -q -- '- --feature-gates=' $f; then "
                    + "sed -i -E 's|^( *)- --feature-gates=.*$|\\1- --feature-gates=" + flagValue + "|' $f; "
                    + "else sed -i -E 's|^( *)- " + n + "$|\\1- " + n + "\\n\\1- --feature-gates=" + flagValue + "|' $f; fi; "
                    + "grep -q -- '- --feature-gates=" + flagValue + "$' $f");
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("kind backend: timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
