package io.evidencesync.bridge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's independent S3 calls run side by side on a few daemon threads, created once per execution
 * environment; the caller waits with {@link #join}, which rethrows the call's own exception.
 */
final class Concurrently {
    private Concurrently() {
    }

    /** A cached pool of daemon threads ({@code bridge-io-n}): idle threads cost nothing while the function is frozen. */
    static ExecutorService pool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bridge-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The result, or the call's RuntimeException (or Error) as it was thrown. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
