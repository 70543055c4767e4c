package dev.mutineer.cluster;

/** What mutineer knows about a component process. */
public enum ComponentState {
    RUNNING,
    /** Stopped with SIGSTOP; alive but frozen. */
    PAUSED,
    /** Not running: stopped, killed, or crashed. */
    DOWN
}
