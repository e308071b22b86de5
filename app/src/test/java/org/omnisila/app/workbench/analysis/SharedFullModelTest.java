package org.omnisila.app.workbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.omnisila.app.cli.TinyAdapter;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.models.ModelFiles;

/** The sharing rule on the tiny Video-LLaVA: one caller at a time, the waiter told, closed once. */
class SharedFullModelTest {
    @Test
    void oneCallerAtATimeTheOtherWaitsAndTheModelClosesOnce() throws Exception {
        SharedFullModel shared = new SharedFullModel(FullModel.open(TinyAdapter.base(), null, null, Device.cpu(),
                Precision.FP32, -1, new ModelFiles(), f -> { }));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger();
        CountDownLatch firstIn = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = two.submit(() -> shared.use(waits::incrementAndGet, m -> {
                firstIn.countDown();
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                sleep(300);
                inside.decrementAndGet();
                return m.info().name();
            }));
            assertTrue(firstIn.await(30, TimeUnit.SECONDS));
            Future<String> second = two.submit(() -> shared.use(waits::incrementAndGet, m -> {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                inside.decrementAndGet();
                return m.info().config();
            }));
            assertEquals("Video-LLaVA", first.get(30, TimeUnit.SECONDS));
            assertEquals("full-llava_v1", second.get(30, TimeUnit.SECONDS));
        } finally {
            two.shutdown();
        }
        assertEquals(0, overlaps.get(), "the two calls did not overlap");
        assertEquals(1, waits.get(), "the second caller was told it waits");
        assertFalse(shared.closing());
        shared.close();
        shared.close();
        assertTrue(shared.closing());
        assertEquals(1, shared.closes(), "closed once");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.use(null, m -> 1));
        assertEquals("the full model was closed", e.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
