package dev.mutineer.campaign.run;

/**
 * How many more injections a run may record (--max-injections), shared by every queue that runs at once: variants
 * side by side draw from one budget, so the campaign stops at the same count as a serial run.
 */
final class InjectionBudget {

    private int left;

    InjectionBudget(int left) {
        this.left = Math.max(0, left);
    }

    /** Takes one injection from the budget; false when it is spent. */
    synchronized boolean take() {
        if (left <= 0) {
            return false;
        }
        left--;
        return true;
    }

    synchronized boolean spent() {
        return left <= 0;
    }
}
