package org.caspianhub.producers.cli;

import picocli.CommandLine.Option;

/** Whether a command draws progress on stderr: when stderr is a terminal, or when asked to. */
final class ProgressOptions {

    @Option(names = "--progress", description = "draw progress even when stderr is not a terminal")
    boolean force;

    @Option(names = "--no-progress", description = "never draw progress")
    boolean never;

    boolean enabled() {
        return !never && (force || System.console() != null);
    }
}
