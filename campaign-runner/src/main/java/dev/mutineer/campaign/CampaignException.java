package dev.mutineer.campaign;

import java.util.List;
import java.util.stream.Collectors;

/** A campaign file that cannot be run, with every problem found (at least one). */
public class CampaignException extends Exception {

    private final List<Problem> problems;

    public CampaignException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a campaign error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
