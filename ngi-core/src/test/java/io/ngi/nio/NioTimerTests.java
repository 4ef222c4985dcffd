/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.nio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ngi.Cancellable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Timers of the NIO implementation: fired by the loops, no extra thread. How late they
 * fire is printed, not asserted.
 */
class NioTimerTests {

	private final NioImplementation ngi = NioImplementation.builder().name("timers").loops(2).build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void tasksFireOnALoopThreadNeverEarlyAndTheirLatenessIsReported() throws Exception {
		int count = 50;
		long[] lateness = new long[count];
		List<String> threads = new CopyOnWriteArrayList<>();
		CountDownLatch done = new CountDownLatch(count);
		for (int i = 0; i < count; i++) {
			int index = i;
			long delayNanos = TimeUnit.MILLISECONDS.toNanos(10L * (i + 1));
			long due = System.nanoTime() + delayNanos;
			this.ngi.schedule(Duration.ofNanos(delayNanos), () -> {
				lateness[index] = System.nanoTime() - due;
				threads.add(Thread.currentThread().getName());
				done.countDown();
			});
		}
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		long[] sorted = lateness.clone();
		Arrays.sort(sorted);
		System.out.printf("[timers] %d tasks at 10..500 ms on an idle loop: lateness median %.2f ms, max %.2f ms%n",
				count, sorted[count / 2] / 1e6, sorted[count - 1] / 1e6);
		assertThat(sorted[0]).as("never early").isGreaterThanOrEqualTo(0);
		assertThat(threads).allMatch((name) -> name.startsWith("timers-"));
	}

	@Test
	void aCancelledTaskNeverRunsWhicheverThreadCancelsIt() throws Exception {
		List<String> ran = new CopyOnWriteArrayList<>();
		Cancellable cancelled = this.ngi.schedule(Duration.ofMillis(100), () -> ran.add("cancelled"));
		CompletableFuture<Boolean> fromLoop = new CompletableFuture<>();
		this.ngi.schedule(Duration.ZERO, () -> {
			Cancellable other = this.ngi.schedule(Duration.ofMillis(50), () -> ran.add("cancelled on the loop"));
			fromLoop.complete(other.cancel());
		});
		assertThat(cancelled.cancel()).isTrue();
		assertThat(fromLoop.get(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> later = new CompletableFuture<>();
		this.ngi.schedule(Duration.ofMillis(200), () -> later.complete(null));
		later.get(10, TimeUnit.SECONDS);
		assertThat(ran).isEmpty();
		assertThat(cancelled.cancel()).isFalse();
	}

	@Test
	void aFailingTaskIsLoggedAndTheLoopGoesOn() throws Exception {
		this.ngi.schedule(Duration.ZERO, () -> {
			throw new IllegalStateException("task fails on purpose");
		});
		CompletableFuture<Void> after = new CompletableFuture<>();
		this.ngi.schedule(Duration.ofMillis(10), () -> after.complete(null));
		after.get(10, TimeUnit.SECONDS);
		assertThat(this.ngi.loopFailures()).isZero();
	}

	@Test
	void scheduleOnAClosedImplementationThrows() {
		this.ngi.close();
		assertThatIllegalStateException().isThrownBy(() -> this.ngi.schedule(Duration.ZERO, () -> {
		}));
	}

	@Test
	void anInlineLoopRunsUntilItsTimersHaveFiredAndRethrowsAFailingOne() {
		try (InlineImplementation inline = new InlineImplementation()) {
			List<String> ran = new ArrayList<>();
			inline.schedule(Duration.ofMillis(30), () -> ran.add("second"));
			inline.schedule(Duration.ofMillis(10), () -> ran.add("first"));
			inline.loop(Duration.ofSeconds(10));
			assertThat(ran).containsExactly("first", "second");
			inline.schedule(Duration.ZERO, () -> {
				throw new IllegalStateException("task fails on purpose");
			});
			assertThatIllegalStateException().isThrownBy(() -> inline.loop(Duration.ofSeconds(10)))
				.withMessage("task fails on purpose");
		}
	}

}
