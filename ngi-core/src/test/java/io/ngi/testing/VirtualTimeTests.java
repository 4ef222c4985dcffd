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

package io.ngi.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ngi.Cancellable;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The testing implementation's virtual clock and timers: no sleeps, everything inside
 * {@link TestingImplementation#advance}.
 */
class VirtualTimeTests {

	private static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

	private final TestingImplementation implementation = new TestingImplementation();

	private final List<String> ran = new ArrayList<>();

	@Test
	void theClockStartsAtAFixedInstantAndMovesOnlyInAdvance() {
		assertThat(this.implementation.clock().instant()).isEqualTo(START);
		assertThat(this.implementation.clock().instant()).isEqualTo(START);
		this.implementation.advance(Duration.ofSeconds(90));
		assertThat(this.implementation.clock().instant()).isEqualTo(START.plusSeconds(90));
	}

	@Test
	void tasksRunInDueOrderEachAtItsOwnInstant() {
		this.implementation.schedule(Duration.ofSeconds(3), () -> record("c"));
		this.implementation.schedule(Duration.ofSeconds(1), () -> record("a"));
		this.implementation.schedule(Duration.ofSeconds(2), () -> record("b"));
		this.implementation.advance(Duration.ofMillis(2500));
		assertThat(this.ran).containsExactly("a at 1", "b at 2");
		this.implementation.advance(Duration.ofMillis(500));
		assertThat(this.ran).containsExactly("a at 1", "b at 2", "c at 3");
	}

	@Test
	void equalDeadlinesRunInSchedulingOrder() {
		for (int i = 0; i < 5; i++) {
			String name = "t" + i;
			this.implementation.schedule(Duration.ofSeconds(1), () -> this.ran.add(name));
		}
		this.implementation.advance(Duration.ofSeconds(1));
		assertThat(this.ran).containsExactly("t0", "t1", "t2", "t3", "t4");
	}

	@Test
	void aTaskScheduledByATaskRunsInTheSameAdvanceIfItFallsDue() {
		this.implementation.schedule(Duration.ofSeconds(1), () -> {
			record("first");
			this.implementation.schedule(Duration.ofSeconds(1), () -> record("due"));
			this.implementation.schedule(Duration.ofSeconds(5), () -> record("later"));
		});
		this.implementation.advance(Duration.ofSeconds(3));
		assertThat(this.ran).containsExactly("first at 1", "due at 2");
		this.implementation.advance(Duration.ofSeconds(3));
		assertThat(this.ran).containsExactly("first at 1", "due at 2", "later at 6");
	}

	@Test
	void aZeroOrNegativeDelayRunsInTheNextAdvanceNeverInsideSchedule() {
		this.implementation.schedule(Duration.ZERO, () -> this.ran.add("zero"));
		this.implementation.schedule(Duration.ofSeconds(-5), () -> this.ran.add("negative"));
		assertThat(this.ran).isEmpty();
		this.implementation.advance(Duration.ZERO);
		assertThat(this.ran).containsExactly("zero", "negative");
	}

	@Test
	void cancelSaysWhetherItStoppedTheTask() {
		Cancellable cancelled = this.implementation.schedule(Duration.ofSeconds(1), () -> this.ran.add("no"));
		Cancellable ranFirst = this.implementation.schedule(Duration.ofSeconds(1), () -> this.ran.add("yes"));
		assertThat(cancelled.cancel()).isTrue();
		assertThat(cancelled.cancel()).isFalse();
		this.implementation.advance(Duration.ofSeconds(1));
		assertThat(ranFirst.cancel()).isFalse();
		assertThat(this.ran).containsExactly("yes");
	}

	@Test
	void aThrowingTaskIsRecordedAndTheOthersStillRun() {
		IllegalStateException failure = new IllegalStateException("task broke");
		this.implementation.schedule(Duration.ofSeconds(1), () -> {
			throw failure;
		});
		this.implementation.schedule(Duration.ofSeconds(2), () -> this.ran.add("after"));
		this.implementation.advance(Duration.ofSeconds(2));
		assertThat(this.ran).containsExactly("after");
		assertThatThrownBy(this.implementation::rethrowHandlerErrors).isSameAs(failure);
	}

	@Test
	void aConnectionTaskThatFallsDueInsideAHandlerCallRunsAfterIt() {
		TestConnection connection = new TestConnection(this.implementation);
		connection.setHandler(new ConnectionHandler() {

			@Override
			public void handleInput(Connection c, byte[] data) {
				VirtualTimeTests.this.ran.add("input starts");
				// A handler that drives the clock itself: the task falls due now, but
				// runs only after this call.
				VirtualTimeTests.this.implementation.advance(Duration.ofSeconds(1));
				VirtualTimeTests.this.ran.add("input ends");
			}

		});
		connection.schedule(Duration.ofSeconds(1), () -> this.ran.add("task"));
		connection.testInput(new byte[] { 1 });
		assertThat(this.ran).containsExactly("input starts", "input ends", "task");
	}

	@Test
	void aConnectionTaskNeverRunsAfterItsConnectionClosed() {
		TestConnection connection = new TestConnection(this.implementation);
		connection.setHandler((c, data) -> {
		});
		Cancellable task = connection.schedule(Duration.ofSeconds(1), () -> this.ran.add("task"));
		connection.close();
		this.implementation.advance(Duration.ofSeconds(2));
		assertThat(this.ran).isEmpty();
		assertThat(task.cancel()).isFalse();
		Cancellable afterClose = connection.schedule(Duration.ZERO, () -> this.ran.add("after close"));
		assertThat(afterClose.cancel()).isFalse();
		this.implementation.advance(Duration.ofSeconds(1));
		assertThat(this.ran).isEmpty();
	}

	@Test
	void aThrowingConnectionTaskClosesTheConnectionAndIsRecorded() {
		IllegalStateException failure = new IllegalStateException("task broke");
		TestConnection connection = new TestConnection(this.implementation);
		List<String> closes = new ArrayList<>();
		connection.setHandler(new ConnectionHandler() {

			@Override
			public void handleInput(Connection c, byte[] data) {
			}

			@Override
			public void handleClose(Connection c, String reason) {
				closes.add(reason);
			}

		});
		connection.schedule(Duration.ofSeconds(1), () -> {
			throw failure;
		});
		this.implementation.advance(Duration.ofSeconds(1));
		assertThat(closes).containsExactly(failure.toString());
		assertThat(connection.isOpen()).isFalse();
		assertThat(connection.peer().output()).isEqualTo("-> CLOSE");
		assertThatThrownBy(this.implementation::rethrowHandlerErrors).isSameAs(failure);
	}

	@Test
	void theIdleTimeoutClosesAtExactlyItsDeadlineAndTrafficPushesItBack() {
		List<String> closes = new ArrayList<>();
		TestListener listener = this.implementation.listen(null,
				(connection) -> connection.setHandler(new ConnectionHandler() {

					@Override
					public void handleInput(Connection c, byte[] data) {
						if (data[0] == 'w') {
							c.write("answer");
						}
					}

					@Override
					public void handleClose(Connection c, String reason) {
						record(reason);
						closes.add(reason);
					}

				}), ListenOptions.builder().idleTimeout(Duration.ofSeconds(10)).build());
		TestConnection client = listener.connect();
		this.implementation.advance(Duration.ofSeconds(6));
		client.write("input at 6");
		this.implementation.advance(Duration.ofSeconds(9));
		assertThat(closes).isEmpty();
		// The server's own output counts too: asked at 15, it answers at 15.
		client.write("w");
		this.implementation.advance(Duration.ofMillis(9999));
		assertThat(closes).isEmpty();
		this.implementation.advance(Duration.ofMillis(1));
		assertThat(this.ran).containsExactly("idle timeout at 25");
		assertThat(client.output()).isEqualTo("-> 'answer'\n-> CLOSE");
	}

	@Test
	void badArgumentsFailFastNamingTheParameter() {
		assertThatNullPointerException().isThrownBy(() -> this.implementation.schedule(null, () -> {
		})).withMessage("delay");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.schedule(Duration.ZERO, null))
			.withMessage("task");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.advance(null)).withMessage("duration");
		assertThatIllegalArgumentException().isThrownBy(() -> this.implementation.advance(Duration.ofSeconds(-1)))
			.withMessage("duration must not be negative: PT-1S");
		TestConnection connection = new TestConnection(this.implementation);
		assertThatNullPointerException().isThrownBy(() -> connection.schedule(null, () -> {
		})).withMessage("delay");
		assertThatNullPointerException().isThrownBy(() -> ListenOptions.builder().idleTimeout(null))
			.withMessage("idleTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListenOptions.builder().idleTimeout(Duration.ofSeconds(-1)))
			.withMessage("idleTimeout must not be negative: PT-1S");
	}

	@Test
	void advanceFromATaskIsRefused() {
		this.implementation.schedule(Duration.ofSeconds(1),
				() -> assertThatIllegalStateException()
					.isThrownBy(() -> this.implementation.advance(Duration.ofSeconds(1)))
					.withMessageContaining("advance called from a task"));
		this.implementation.advance(Duration.ofSeconds(1));
		this.implementation.rethrowHandlerErrors();
	}

	private void record(String name) {
		long seconds = Duration.between(START, this.implementation.clock().instant()).toSeconds();
		this.ran.add(name + " at " + seconds);
	}

}
