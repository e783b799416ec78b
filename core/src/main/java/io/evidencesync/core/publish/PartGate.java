package io.evidencesync.core.publish;

/**
 * Lets the parts of one multipart upload through until it is closed, and tells when none is still being sent: S3
 * may keep a part whose upload was still running when the multipart upload was aborted, so an abort must wait for
 * the parts in flight, and no queued part may start after it.
 */
final class PartGate {
    private boolean closed;
    private int sending;

    /** A part about to be sent: false once the gate is closed (the part is then skipped). */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        sending++;
        return true;
    }

    /** The part entered has been sent, or failed. */
    synchronized void exit() {
        sending--;
        notifyAll();
    }

    /**
     * Lets no other part start and waits until none is being sent. Each part's request ends within the HTTP
     * client's timeouts; an interrupt is remembered, not obeyed, so that the abort that follows leaves nothing.
     */
    synchronized void closeAndWait() {
        closed = true;
        boolean interrupted = false;
        while (sending > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
