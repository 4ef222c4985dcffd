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

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ngi.Addresses;
import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.OutputBounds;
import io.ngi.ListenerObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connect in progress: a non-blocking connect made on the loop thread, finished on
 * {@code OP_CONNECT}, then handed to a {@link NioConnection} on the same key. An
 * unresolved address ({@link InetSocketAddress#createUnresolved}) has its host name
 * looked up first, at every connect, on the implementation's {@link BlockingTasks} (a
 * lookup can take seconds, which the loop's other connections must not wait for). The
 * connect timeout counts from {@link #start()}, so it covers the lookup.
 */
final class Connector implements Selectable {

	private static final Logger logger = LoggerFactory.getLogger(Connector.class);

	private final EventLoop loop;

	private final SocketAddress address;

	private final ClientConnectHandler handler;

	private final ConnectOptions options;

	private final OutputBounds limits;

	private TimerQueue.@Nullable Timer timeout;

	private @Nullable SocketChannel channel;

	private @Nullable SelectionKey key;

	/**
	 * Answered: connected or failed. Atomic because a connect whose loop closed during
	 * its host-name lookup is answered from the lookup's thread.
	 */
	private final AtomicBoolean done = new AtomicBoolean();

	Connector(EventLoop loop, SocketAddress address, ClientConnectHandler handler, ConnectOptions options,
			OutputBounds limits) {
		this.loop = loop;
		this.address = address;
		this.handler = handler;
		this.options = options;
		this.limits = limits;
	}

	static ProtocolFamily family(SocketAddress address) {
		if (address instanceof UnixDomainSocketAddress) {
			return StandardProtocolFamily.UNIX;
		}
		if (address instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address) {
			return StandardProtocolFamily.INET6;
		}
		return StandardProtocolFamily.INET;
	}

	/** Starts the connect; on the loop thread. */
	void start() {
		if (!this.options.timeout().isZero()) {
			this.timeout = this.loop.schedule(this.options.timeout(), this::timedOut);
		}
		if (this.address instanceof InetSocketAddress inet && inet.isUnresolved()) {
			this.loop.blockingTasks.execute(new BlockingTasks.Stoppable() {

				@Override
				public void run() {
					lookUp(inet);
				}

				@Override
				public void stopped() {
					stoppedDuringLookUp();
				}

			});
			return;
		}
		connect(this.address);
	}

	/** Looks the host name up; on a blocking-task thread, then back to the loop. */
	private void lookUp(InetSocketAddress unresolved) {
		Runnable next;
		try {
			InetSocketAddress resolved = new InetSocketAddress(InetAddress.getByName(unresolved.getHostString()),
					unresolved.getPort());
			next = () -> connect(resolved);
		}
		catch (UnknownHostException | RuntimeException ex) {
			next = () -> failed(ex);
		}
		// Back to the loop. If the loop closes meanwhile, it may never run the task: then
		// whichever comes first, the task or this thread seeing the loop closed, answers.
		AtomicBoolean handedBack = new AtomicBoolean();
		Runnable task = next;
		this.loop.execute(() -> {
			if (handedBack.compareAndSet(false, true) && !this.done.get()) {
				task.run();
			}
		});
		if (this.loop.isClosed() && handedBack.compareAndSet(false, true)) {
			stoppedDuringLookUp();
		}
	}

	/**
	 * Answers {@code STOPPED} from a thread other than the loop's, whose loop is closed:
	 * before the lookup ended nothing was opened, registered or scheduled but the timeout
	 * timer, which died with the loop, so nothing of the loop's is touched.
	 */
	private void stoppedDuringLookUp() {
		if (this.done.compareAndSet(false, true)) {
			answerFailure(CloseReason.STOPPED);
		}
	}

	private void connect(SocketAddress target) {
		if (this.loop.isClosed()) {
			// Run by the loop's last tasks at its close: nothing may be opened any more.
			fail(CloseReason.STOPPED);
			return;
		}
		try {
			SocketChannel opened = SocketChannel.open(family(target));
			this.channel = opened;
			opened.configureBlocking(false);
			if (!(target instanceof UnixDomainSocketAddress)) {
				opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			boolean connected = opened.connect(target);
			this.key = this.loop.register(opened, connected ? 0 : SelectionKey.OP_CONNECT, this);
			if (connected) {
				connected();
			}
		}
		catch (IOException | RuntimeException ex) {
			failed(ex);
		}
	}

	@Override
	public void ready(SelectionKey selected) {
		SocketChannel opened = this.channel;
		if (this.done.get() || opened == null) {
			return;
		}
		try {
			if (opened.finishConnect()) {
				connected();
			}
		}
		catch (IOException | RuntimeException ex) {
			failed(ex);
		}
	}

	private void timedOut() {
		this.timeout = null;
		if (this.done.get()) {
			return;
		}
		CloseReason reason = CloseReason.of(CloseReason.Kind.TIMEOUT,
				"connect timed out after " + this.options.timeout().toMillis() + " ms");
		logFailure(reason);
		fail(reason);
	}

	private void cancelTimeout() {
		if (this.timeout != null) {
			this.timeout.cancel();
			this.timeout = null;
		}
	}

	private void connected() throws IOException {
		cancelTimeout();
		SocketChannel opened = this.channel;
		SelectionKey selectionKey = this.key;
		if (opened == null || selectionKey == null) {
			throw new IllegalStateException("not connecting");
		}
		SocketAddress peer = opened.getRemoteAddress();
		if (!this.done.compareAndSet(false, true)) {
			opened.close();
			return;
		}
		NioConnection connection = new NioConnection(this.loop, opened, null, ListenerObserver.NONE,
				(peer != null) ? peer : this.address, this.limits, this.options.allowHalfClose(),
				this.options.idleTimeout(), this.options.tls(), this.address, null);
		connection.startClient(selectionKey, this.handler);
	}

	private void failed(Exception failure) {
		CloseReason reason = Errno.closeReason(failure);
		logFailure(reason);
		logger.debug("connect to {} failed", this.address, failure);
		fail(reason);
	}

	private void logFailure(CloseReason reason) {
		String address = (this.address instanceof InetSocketAddress inet && inet.isUnresolved())
				? Addresses.format(inet) : this.address.toString();
		if (this.options.logsFailure()) {
			logger.warn("error connecting to {}: {}", address, reason.text());
		}
		else {
			logger.debug("error connecting to {}: {}", address, reason.text());
		}
	}

	private void fail(CloseReason reason) {
		if (!this.done.compareAndSet(false, true)) {
			return;
		}
		cancelTimeout();
		if (this.key != null) {
			this.key.cancel();
			this.loop.deregistered();
		}
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				logger.debug("closing the channel to {} failed", this.address, ex);
			}
		}
		answerFailure(reason);
	}

	private void answerFailure(CloseReason reason) {
		try {
			this.handler.failedConnect(reason);
		}
		catch (Exception ex) {
			logger.error("failedConnect({}) failed for {}", reason.text(), this.address, ex);
			this.loop.handlerFailed(ex);
		}
	}

	@Override
	public void shutdown() {
		fail(CloseReason.STOPPED);
	}

	@Override
	public String toString() {
		return "Connector[to " + this.address + "]";
	}

}
