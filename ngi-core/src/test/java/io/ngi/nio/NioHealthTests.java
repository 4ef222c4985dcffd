package io.ngi.nio;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link NioImplementation#isHealthy()}, {@link NioImplementation#deadLoops()} and
 * {@link NioImplementation#deadLoopNames()}: what kills a loop thread, and that its death
 * shows there.
 */
class NioHealthTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final NioImplementation ngi = NioImplementation.builder().name("health").loops(2).build();

	private final LogCapture logs = new LogCapture();

	@AfterEach
	void close() {
		try {
			this.ngi.close();
		}
		finally {
			this.logs.close();
		}
	}

	@Test
	void aFailingHandlerAloneLeavesTheLoopsHealthy() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(new ConnectionHandler() {

					@Override
					public void handleInput(Connection c, byte[] data) {
						throw new AssertionError("handleInput fails on purpose");
					}

					@Override
					public void handleClose(Connection c, String reason) {
						throw new AssertionError("handleClose fails on purpose");
					}

				}));
		Recorder client = new Recorder("x".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), client);
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.logs.events(Level.ERROR))
				.anySatisfy((event) -> assertThat(event.getThrowableProxy().getMessage())
					.isEqualTo("handleClose fails on purpose")));
		assertThat(this.ngi.isHealthy()).isTrue();
		assertThat(this.ngi.deadLoops()).isZero();
		assertThat(this.ngi.deadLoopNames()).isEmpty();
		listener.close();
		// Both loops still serve afterwards (8 connection ends spread over the 2 loops),
		// and the health is still good once they have.
		Listener echo = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		for (int i = 0; i < 4; i++) {
			Recorder pinger = new Recorder("ping".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(echo.address(), pinger);
			assertThat(new String(pinger.firstInput.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
				.isEqualTo("ping");
			pinger.connection.get(10, TimeUnit.SECONDS).close();
		}
		assertThat(this.ngi.isHealthy()).isTrue();
		assertThat(this.ngi.deadLoops()).isZero();
		echo.close();
	}

	/**
	 * The observer fails while input is read (outside any handler call), so the loop
	 * closes the connection for it; closing it calls {@code handleClose}, which throws an
	 * {@code Error}: a failure while handling a failure, which ends the loop thread.
	 */
	@Test
	void aFailureWhileClosingAFailedConnectionKillsItsLoopAndShowsInHealth() throws Exception {
		ListenerObserver failingObserver = new ListenerObserver() {

			@Override
			public void bytesReceived(int bytes) {
				throw new IllegalStateException("observer fails on purpose");
			}

		};
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(new ConnectionHandler() {

					@Override
					public void handleInput(Connection c, byte[] data) {
					}

					@Override
					public void handleClose(Connection c, String reason) {
						throw new LoopKiller(Thread.currentThread().getName());
					}

				}), ListenOptions.builder().observer(failingObserver).build());
		assertThat(this.ngi.isHealthy()).isTrue();
		Recorder client = new Recorder("x".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), client);
		await().atMost(WAIT).until(() -> !this.ngi.isHealthy());
		assertThat(this.ngi.deadLoops()).isEqualTo(1);
		String dead = this.ngi.deadLoopNames().get(0);
		assertThat(this.ngi.deadLoopNames()).containsExactly(dead).allMatch((name) -> name.startsWith("health-"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.logs.events(Level.ERROR)).anySatisfy(
					(event) -> assertThat(event.getFormattedMessage()).isEqualTo("loop error: " + dead + " stopped"))
				.anySatisfy((event) -> assertThat(event.getThrowableProxy().getClassName())
					.isEqualTo(LoopKiller.class.getName())));
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		listener.close();
		assertThat(this.ngi.isHealthy()).as("a death is not forgotten").isFalse();
	}

	/** An error thrown by a handler on purpose; its message names the thread. */
	static final class LoopKiller extends Error {

		private static final long serialVersionUID = 1L;

		LoopKiller(String thread) {
			super("thrown on purpose in " + thread);
		}

	}

}
