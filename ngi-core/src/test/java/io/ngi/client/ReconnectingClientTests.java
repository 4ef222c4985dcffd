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

package io.ngi.client;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.client.ReconnectingClient.State;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ReconnectingClient} on the testing implementation: virtual time, no sockets, no
 * sleeps.
 */
class ReconnectingClientTests {

	private static final Duration INITIAL = Duration.ofMillis(100);

	private static final Duration MAX = Duration.ofSeconds(30);

	/** 1 s, 2 s, 4 s, ...: without jitter, so a test can name each wait. */
	private static final Backoff DOUBLING = (retry) -> Duration.ofSeconds(1L << Math.min(retry - 1, 20));

	private final TestingImplementation implementation = new TestingImplementation();

	private final SocketAddress upstream = TestingImplementation.address("upstream");

	/** The instant of every connect the client started, from its observer. */
	private final List<Instant> attemptTimes = new ArrayList<>();

	private final List<String> transitions = new ArrayList<>();

	private final List<Connection> serverEnds = new ArrayList<>();

	private final StringBuilder received = new StringBuilder();

	@AfterEach
	void noHandlerErrors() {
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void delaysOfTenFailedAttemptsFollowTheBackoffAndAHealthyConnectionResetsThem() {
		AtomicInteger failures = new AtomicInteger();
		ReconnectingClient client = builder(echoClient()).backoff(Backoff.exponential(INITIAL, MAX))
			.observer((c, from, to, reason) -> {
				if (from == State.CONNECTING && to == State.WAITING && failures.incrementAndGet() == 10) {
					// The upstream appears during the tenth wait.
					listen(this::acceptEcho);
				}
			})
			.build();
		this.implementation.advance(Duration.ofHours(1));

		assertThat(client.state()).isEqualTo(State.CONNECTED);
		assertThat(client.attempts()).isEqualTo(11);
		assertThat(client.failures()).isEqualTo(10);
		assertThat(client.consecutiveFailures()).isZero();
		assertThat(client.connectedSince()).isEqualTo(this.attemptTimes.get(10));
		assertThat(this.attemptTimes).hasSize(11);
		for (int retry = 1; retry <= 10; retry++) {
			Duration delay = Duration.between(this.attemptTimes.get(retry - 1), this.attemptTimes.get(retry));
			Duration bound = bound(retry);
			assertThat(delay).as("delay before retry %d", retry).isBetween(ReconnectingClient.MIN_DELAY, bound);
			assertThat(delay).isLessThanOrEqualTo(MAX);
		}
		assertThat(bound(10)).as("the tenth delay is capped").isEqualTo(MAX);

		// A close by the peer after a healthy connection: the next wait is the backoff's
		// first again.
		this.implementation.advance(ReconnectingClient.DEFAULT_RESET_BACKOFF_AFTER);
		Instant closedAt = this.implementation.clock().instant();
		this.serverEnds.get(0).close();
		assertThat(client.state()).isEqualTo(State.WAITING);
		assertThat(client.lastFailure().kind()).isEqualTo(CloseReason.Kind.PEER_CLOSED);
		assertThat(Duration.between(closedAt, client.nextAttempt())).isLessThanOrEqualTo(INITIAL);
		this.implementation.advance(INITIAL);
		assertThat(client.state()).isEqualTo(State.CONNECTED);
		assertThat(this.serverEnds).hasSize(2);
		assertThat(Duration.between(closedAt, this.attemptTimes.get(11))).isLessThanOrEqualTo(INITIAL);
		client.write("ping\n".getBytes(StandardCharsets.UTF_8));
		assertThat(this.received).hasToString("ping\n");
		client.close();
	}

	@Test
	void anUpstreamThatAcceptsAndClosesAtOnceIsRetriedWithGrowingDelays() {
		listen(Connection::close);
		ReconnectingClient client = builder(echoClient()).backoff(Backoff.exponential(INITIAL, MAX)).build();
		this.implementation.advance(Duration.ofMinutes(10));

		// Every connect succeeded and was closed in the same instant: each wait is one
		// retry further than the one before, up to the maximum, as for failed connects.
		assertThat(client.failures()).isZero();
		assertThat(this.attemptTimes).hasSizeGreaterThan(12).hasSizeLessThan(100);
		for (int retry = 1; retry < this.attemptTimes.size(); retry++) {
			Duration delay = Duration.between(this.attemptTimes.get(retry - 1), this.attemptTimes.get(retry));
			assertThat(delay).as("delay before retry %d", retry).isLessThanOrEqualTo(bound(retry));
		}
		Duration lastTen = Duration.between(this.attemptTimes.get(this.attemptTimes.size() - 11),
				this.attemptTimes.get(this.attemptTimes.size() - 1));
		assertThat(lastTen).as("ten waits at the maximum's full jitter").isGreaterThan(Duration.ofSeconds(30));
		client.close();
	}

	@Test
	void aConnectionClosedBeforeResetBackoffAfterDoesNotResetTheBackoff() {
		listen(this::acceptEcho);
		ReconnectingClient client = builder(echoClient()).backoff(DOUBLING)
			.resetBackoffAfter(Duration.ofSeconds(10))
			.build();
		assertThat(client.resetBackoffAfter()).isEqualTo(Duration.ofSeconds(10));
		for (int round = 1; round <= 3; round++) {
			this.implementation.advance(Duration.ofSeconds(9));
			Instant closedAt = this.implementation.clock().instant();
			this.serverEnds.get(round - 1).close();
			assertThat(Duration.between(closedAt, client.nextAttempt())).as("wait after short connection %d", round)
				.isEqualTo(Duration.ofSeconds(1L << (round - 1)));
			this.implementation.advance(client.backoff().delay(round));
			assertThat(client.isConnected()).isTrue();
		}
		this.implementation.advance(Duration.ofSeconds(10));
		Instant closedAt = this.implementation.clock().instant();
		this.serverEnds.get(3).close();
		assertThat(Duration.between(closedAt, client.nextAttempt())).as("wait after a healthy connection")
			.isEqualTo(Duration.ofSeconds(1));
		client.close();
	}

	@Test
	void resetBackoffAfterZeroResetsAfterEveryConnection() {
		listen(this::acceptEcho);
		ReconnectingClient client = builder(echoClient()).backoff(DOUBLING).resetBackoffAfter(Duration.ZERO).build();
		for (int round = 1; round <= 3; round++) {
			Instant closedAt = this.implementation.clock().instant();
			this.serverEnds.get(round - 1).close();
			assertThat(Duration.between(closedAt, client.nextAttempt())).isEqualTo(Duration.ofSeconds(1));
			this.implementation.advance(Duration.ofSeconds(1));
			assertThat(client.isConnected()).isTrue();
		}
		client.close();
	}

	@Test
	void resetBackoffAfterMustNotBeNegative() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReconnectingClient.builder(this.implementation, this.upstream, echoClient())
				.resetBackoffAfter(Duration.ofMillis(-1)))
			.withMessage("resetBackoffAfter must not be negative: PT-0.001S");
	}

	@Test
	void aCloseByThePeerReconnectsAndTheServerSeesTheNewConnection() {
		listen(this::acceptEcho);
		ReconnectingClient client = builder(echoClient()).backoff(Backoff.fixed(Duration.ofSeconds(1))).build();
		assertThat(client.isConnected()).isTrue();
		for (int round = 1; round <= 5; round++) {
			this.serverEnds.get(round - 1).close();
			assertThat(client.state()).isEqualTo(State.WAITING);
			assertThat(client.connection()).isNull();
			assertThat(client.write(new byte[] { 1 })).isFalse();
			this.implementation.advance(Duration.ofSeconds(1));
			assertThat(client.isConnected()).isTrue();
		}
		assertThat(this.serverEnds).hasSize(6);
		assertThat(client.attempts()).isEqualTo(6);
		assertThat(client.failures()).isZero();
		client.close();
		this.implementation.assertNoOpenConnections();
	}

	@Test
	void closeDuringAWaitCancelsThePendingAttempt() {
		ReconnectingClient client = builder(echoClient()).build();
		assertThat(client.state()).isEqualTo(State.WAITING);
		assertThat(client.nextAttempt()).isNotNull();
		client.close();
		TestListener listener = listen(this::acceptEcho);
		this.implementation.advance(Duration.ofHours(1));
		assertThat(client.state()).isEqualTo(State.CLOSED);
		assertThat(client.attempts()).isEqualTo(1);
		assertThat(client.nextAttempt()).isNull();
		assertThat(listener.connections()).isEmpty();
		assertThat(this.transitions).containsExactly("CONNECTING->WAITING REFUSED", "WAITING->CLOSED");
	}

	@Test
	void aClientWhoseServerThrowsBacksOff() {
		TestListener listener = listen(this::acceptEcho);
		AtomicInteger calls = new AtomicInteger();
		Server failing = (connection) -> {
			calls.incrementAndGet();
			throw new IllegalStateException("boom");
		};
		Logger logger = (Logger) LoggerFactory.getLogger(ReconnectingClient.class);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		ReconnectingClient client;
		try {
			client = builder(failing).backoff(Backoff.fixed(Duration.ofSeconds(1))).build();
			this.implementation.advance(Duration.ofSeconds(10));
		}
		finally {
			logger.detachAppender(log);
		}
		// Logged once, with the exception, for the whole run of failures.
		assertThat(log.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getThrowableProxy().getMessage()).isEqualTo("boom");
		});
		assertThat(client.state()).isEqualTo(State.WAITING);
		assertThat(client.lastFailure().kind()).isEqualTo(CloseReason.Kind.HANDLER_FAILED);
		assertThat(client.lastFailure().cause()).isNull();
		assertThat(listener.connections()).isEmpty();
		// One attempt per second of virtual time: at 0 s, then after each 1 s wait.
		assertThat(calls).hasValue(11);
		assertThat(client.attempts()).isEqualTo(11);
		assertThat(client.consecutiveFailures()).isEqualTo(11);
		assertThat(client.isConnected()).isFalse();
		assertThat(this.implementation.takeHandlerErrors()).isEmpty();
		this.implementation.assertNoOpenConnections();
		client.close();
	}

	@Test
	void aThrowingServerDoesNotResetTheBackoff() {
		listen(this::acceptEcho);
		ReconnectingClient client = builder((connection) -> {
			throw new IllegalStateException("boom");
		}).backoff((retry) -> Duration.ofSeconds(retry)).build();
		this.implementation.advance(Duration.ofSeconds(1 + 2 + 3));
		assertThat(client.attempts()).isEqualTo(4);
		assertThat(Duration.between(this.attemptTimes.get(2), this.attemptTimes.get(3))).hasSeconds(3);
		client.close();
	}

	@Test
	void aPluggedInBackoffChoosesTheDelays() {
		ReconnectingClient client = builder(echoClient()).backoff((retry) -> Duration.ofSeconds(retry * 10L)).build();
		this.implementation.advance(Duration.ofSeconds(10 + 20 + 30));
		assertThat(client.attempts()).isEqualTo(4);
		assertThat(this.attemptTimes).extracting((t) -> Duration.between(this.attemptTimes.get(0), t).toSeconds())
			.containsExactly(0L, 10L, 30L, 60L);
		client.close();
	}

	@Test
	void aZeroOrNegativeDelayFromAPluggedInBackoffIsRaisedToTheMinimumSoNothingSpins() {
		ReconnectingClient client = builder(echoClient()).backoff((retry) -> Duration.ofSeconds(-retry)).build();
		assertThat(client.attempts()).isEqualTo(1);
		this.implementation.advance(Duration.ZERO);
		assertThat(client.attempts()).isEqualTo(1);
		this.implementation.advance(ReconnectingClient.MIN_DELAY.multipliedBy(10));
		assertThat(client.attempts()).isEqualTo(11);
		client.close();
	}

	@Test
	void anIdleTimeoutReconnects() {
		listen(this::acceptEcho);
		ReconnectingClient client = builder(echoClient()).backoff(Backoff.fixed(Duration.ofSeconds(1)))
			.options(ConnectOptions.builder().idleTimeout(Duration.ofMinutes(1)).build())
			.build();
		this.implementation.advance(Duration.ofMinutes(1));
		assertThat(client.state()).isEqualTo(State.WAITING);
		assertThat(client.lastFailure().kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
		this.implementation.advance(Duration.ofSeconds(1));
		assertThat(client.isConnected()).isTrue();
		assertThat(this.serverEnds).hasSize(2);
		client.close();
	}

	@Test
	void theApplicationClosingTheConnectionGetsAFreshOne() {
		listen(this::acceptEcho);
		ReconnectingClient client = builder(echoClient()).backoff(Backoff.fixed(Duration.ofSeconds(1))).build();
		client.connection().close();
		assertThat(client.state()).isEqualTo(State.WAITING);
		assertThat(client.lastFailure().text()).isEqualTo("closed by the application");
		this.implementation.advance(Duration.ofSeconds(1));
		assertThat(client.isConnected()).isTrue();
		assertThat(this.serverEnds).hasSize(2);
		assertThat(this.serverEnds.get(0).isOpen()).isFalse();
		client.close();
	}

	@Test
	void closeClosesTheConnectionAndIsIdempotentAndFinal() {
		TestListener listener = listen(this::acceptEcho);
		ReconnectingClient client = builder(echoClient()).build();
		Connection connection = client.connection();
		client.close();
		client.close();
		assertThat(connection.isOpen()).isFalse();
		assertThat(client.connection()).isNull();
		assertThat(client.state()).isEqualTo(State.CLOSED);
		assertThat(listener.connections()).isEmpty();
		assertThat(this.transitions).containsExactly("CONNECTING->CONNECTED", "CONNECTED->CLOSED");
		assertThatIllegalStateException().isThrownBy(() -> client.write(new byte[] { 1 }))
			.withMessageContaining("client 'upstream'")
			.withMessageContaining("is closed")
			.withMessageContaining("build a new ReconnectingClient");
		this.implementation.advance(Duration.ofHours(1));
		assertThat(client.attempts()).isEqualTo(1);
	}

	@Test
	void aClientClosedInsideItsServerDoesNotConnectAgain() {
		listen(this::acceptEcho);
		ReconnectingClient[] self = new ReconnectingClient[1];
		AtomicInteger calls = new AtomicInteger();
		ReconnectingClient client = builder((connection) -> {
			calls.incrementAndGet();
			connection.setHandler((c, data) -> self[0].close());
		}).build();
		self[0] = client;
		client.write("x".getBytes(StandardCharsets.UTF_8));
		assertThat(client.state()).isEqualTo(State.CLOSED);
		this.implementation.advance(Duration.ofHours(1));
		assertThat(calls).hasValue(1);
		this.implementation.assertNoOpenConnections();
	}

	@Test
	void theListenerStoppingIsAFailureLikeAnyOther() {
		TestListener listener = listen(this::acceptEcho);
		ReconnectingClient client = builder(echoClient()).backoff(Backoff.fixed(Duration.ofSeconds(1))).build();
		listener.close();
		assertThat(client.state()).isEqualTo(State.WAITING);
		this.implementation.advance(Duration.ofSeconds(3));
		assertThat(client.consecutiveFailures()).isEqualTo(3);
		listen(this::acceptEcho);
		this.implementation.advance(Duration.ofSeconds(1));
		assertThat(client.isConnected()).isTrue();
		client.close();
	}

	@Test
	void badBackoffsFailFastNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.exponential(Duration.ofMillis(-1), MAX))
			.withMessage("initial backoff must be > 0: PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.exponential(Duration.ZERO, MAX))
			.withMessage("initial backoff must be > 0: PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.exponential(MAX, INITIAL))
			.withMessage("max backoff must be >= initial (PT30S): PT0.1S");
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.fixed(Duration.ofSeconds(-5)))
			.withMessage("delay must be > 0: PT-5S");
	}

	@Test
	void exponentialDelaysStayWithinTheirBoundsAndNeverOverflow() {
		ExponentialBackoff backoff = new ExponentialBackoff(INITIAL, MAX);
		for (int retry = 1; retry <= 100; retry++) {
			for (int draw = 0; draw < 100; draw++) {
				assertThat(backoff.delay(retry)).isBetween(Duration.ZERO, bound(retry));
			}
		}
		assertThat(backoff.bound(Integer.MAX_VALUE)).isEqualTo(MAX.toNanos());
		ExponentialBackoff huge = new ExponentialBackoff(Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE));
		assertThat(huge.bound(64)).isEqualTo(1L << 62);
		assertThat(huge.delay(1000).isNegative()).isFalse();
	}

	private static Duration bound(int retry) {
		Duration bound = INITIAL.multipliedBy(1L << Math.min(retry - 1, 40));
		return (bound.compareTo(MAX) > 0) ? MAX : bound;
	}

	private ReconnectingClient.Builder builder(Server server) {
		this.attemptTimes.add(this.implementation.clock().instant());
		return ReconnectingClient.builder(this.implementation, this.upstream, server)
			.name("upstream")
			.observer((client, from, to, reason) -> {
				if (to == State.CONNECTING) {
					this.attemptTimes.add(this.implementation.clock().instant());
				}
				this.transitions.add(from + "->" + to + ((reason != null) ? " " + reason.kind() : ""));
			});
	}

	private TestListener listen(Server server) {
		return this.implementation.listen(this.upstream, server);
	}

	/** The upstream: echoes, and remembers its ends of the connections. */
	private void acceptEcho(Connection connection) {
		this.serverEnds.add(connection);
		connection.setHandler(Connection::write);
	}

	/** The client side: appends what the upstream echoes. */
	private Server echoClient() {
		return (connection) -> connection.setHandler(new ConnectionHandler() {

			@Override
			public void handleInput(Connection connection, byte[] data) {
				ReconnectingClientTests.this.received.append(new String(data, StandardCharsets.UTF_8));
			}

		});
	}

}
