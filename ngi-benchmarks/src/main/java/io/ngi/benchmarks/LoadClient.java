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

package io.ngi.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Single-threaded load client on one NIO selector: closed-loop TCP and UDP echo with
 * latency histograms, a pipelined TCP flood, bulk transfers, connection churn
 * (handshakes) and an idle mode that holds many connections. TCP echo, bulk and
 * handshakes speak TLS when given a context ({@link TlsLink}).
 */
final class LoadClient {

	private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(30);

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final long UDP_LOSS_TIMEOUT = TimeUnit.MILLISECONDS.toNanos(200);

	private LoadClient() {
	}

	/**
	 * Closed-loop TCP echo: each connection keeps {@code window} messages in flight and
	 * sends a new one as each answer arrives.
	 */
	static Measurement tcpEcho(InetSocketAddress address, LoadSpec spec, Probe probe) throws IOException {
		return tcpEcho(address, spec, probe, null);
	}

	/**
	 * Closed-loop TCP echo, over TLS when {@code tls} is given (every connection
	 * completes its handshake before the load starts).
	 */
	static Measurement tcpEcho(InetSocketAddress address, LoadSpec spec, Probe probe, @Nullable ClientTls tls)
			throws IOException {
		Histogram histogram = new Histogram(MAX_LATENCY, 3);
		try (Selector selector = Selector.open()) {
			List<TcpEchoConnection> connections = new ArrayList<>();
			try {
				for (int i = 0; i < spec.connections(); i++) {
					Link link = connect(address, tls);
					TcpEchoConnection connection = new TcpEchoConnection(link, spec, histogram);
					connections.add(connection);
					connection.key = link.channel.register(selector, SelectionKey.OP_READ, connection);
				}
				for (TcpEchoConnection connection : connections) {
					connection.send(spec.window(), System.nanoTime());
				}
				Run run = new Run(spec, probe, histogram);
				run.tls = connections.get(0).link.negotiated();
				while (run.running()) {
					selector.select((key) -> {
						TcpEchoConnection connection = (TcpEchoConnection) key.attachment();
						try {
							if (key.isReadable()) {
								run.completed += connection.read(System.nanoTime());
							}
							if (key.isValid() && key.isWritable()) {
								connection.flush();
							}
						}
						catch (IOException ex) {
							throw new IllegalStateException("echo connection to " + address + " failed: " + ex, ex);
						}
					}, 10);
				}
				return run.finish();
			}
			finally {
				closeAll(connections.stream().map((c) -> c.link.channel).toList());
			}
		}
	}

	/**
	 * Bulk transfers: each of {@code bulkConnections} connections sends {@code bulkBytes}
	 * while reading the echo, and starts the next transfer once all came back. Counts
	 * bytes received (so the rate is bytes per second); the latency is that of whole
	 * transfers.
	 */
	static Measurement bulk(InetSocketAddress address, LoadSpec spec, Probe probe, @Nullable ClientTls tls)
			throws IOException {
		Histogram histogram = new Histogram(MAX_LATENCY, 3);
		try (Selector selector = Selector.open()) {
			List<BulkConnection> connections = new ArrayList<>();
			try {
				for (int i = 0; i < spec.bulkConnections(); i++) {
					Link link = connect(address, tls);
					BulkConnection connection = new BulkConnection(link, spec, histogram);
					connections.add(connection);
					connection.key = link.channel.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE,
							connection);
					connection.start(System.nanoTime());
				}
				Run run = new Run(spec, probe, histogram);
				run.tls = connections.get(0).link.negotiated();
				while (run.running()) {
					selector.select((key) -> {
						BulkConnection connection = (BulkConnection) key.attachment();
						try {
							if (key.isReadable()) {
								run.completed += connection.read(System.nanoTime());
							}
							if (key.isValid() && key.isWritable()) {
								connection.write();
							}
						}
						catch (IOException ex) {
							throw new IllegalStateException("bulk connection to " + address + " failed: " + ex, ex);
						}
					}, 10);
				}
				return run.finish();
			}
			finally {
				closeAll(connections.stream().map((c) -> c.link.channel).toList());
			}
		}
	}

	/**
	 * Connection churn: {@code handshakeConnections} slots each connect, complete the TLS
	 * handshake (none without TLS), echo one message of {@code size} bytes and close
	 * (TLS: after close_notify), then start over. Counts connections that got their echo;
	 * the latency runs from the connect to the echo.
	 */
	static Measurement handshakes(InetSocketAddress address, LoadSpec spec, Probe probe, @Nullable ClientTls tls)
			throws IOException {
		Histogram histogram = new Histogram(MAX_LATENCY, 3);
		try (Selector selector = Selector.open()) {
			List<HandshakeSlot> slots = new ArrayList<>();
			try {
				Run run = new Run(spec, probe, histogram);
				for (int i = 0; i < spec.handshakeConnections(); i++) {
					HandshakeSlot slot = new HandshakeSlot(address, selector, spec, tls, histogram);
					slots.add(slot);
					slot.start(System.nanoTime());
				}
				while (run.running()) {
					selector.select((key) -> {
						HandshakeSlot slot = (HandshakeSlot) key.attachment();
						try {
							if (slot.ready(key, System.nanoTime())) {
								run.completed++;
								if (run.tls.isEmpty()) {
									run.tls = slot.negotiated;
								}
							}
						}
						catch (IOException ex) {
							throw new IllegalStateException("handshake connection to " + address + " failed: " + ex,
									ex);
						}
					}, 10);
				}
				return run.finish();
			}
			finally {
				for (HandshakeSlot slot : slots) {
					slot.abort();
				}
			}
		}
	}

	/**
	 * Pipelined TCP flood: each connection writes as fast as the socket takes data, up to
	 * {@code floodWindowBytes} unanswered bytes, and reads whatever comes back.
	 */
	static Measurement tcpFlood(InetSocketAddress address, LoadSpec spec, Probe probe) throws IOException {
		try (Selector selector = Selector.open()) {
			List<FloodConnection> connections = new ArrayList<>();
			try {
				for (int i = 0; i < spec.connections(); i++) {
					SocketChannel channel = open(address);
					FloodConnection connection = new FloodConnection(channel, spec);
					connections.add(connection);
					connection.key = channel.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE,
							connection);
				}
				Run run = new Run(spec, probe, null);
				long[] received = new long[1];
				long receivedAtStart = 0;
				boolean measuring = false;
				while (run.running()) {
					if (!measuring && run.measuring()) {
						measuring = true;
						receivedAtStart = received[0];
					}
					selector.select((key) -> {
						FloodConnection connection = (FloodConnection) key.attachment();
						try {
							if (key.isReadable()) {
								received[0] += connection.read();
							}
							if (key.isValid() && key.isWritable()) {
								connection.write();
							}
						}
						catch (IOException ex) {
							throw new IllegalStateException("flood connection to " + address + " failed: " + ex, ex);
						}
					}, 10);
				}
				run.completed = (received[0] - receivedAtStart) / spec.size();
				return run.finish();
			}
			finally {
				closeAll(connections.stream().map((c) -> c.channel).toList());
			}
		}
	}

	/**
	 * Closed-loop UDP echo: each socket keeps {@code window} datagrams in flight; a
	 * datagram carries its send time, and a socket that hears nothing for 200 ms counts
	 * its datagrams as lost and sends new ones.
	 */
	static Measurement udpEcho(InetSocketAddress address, LoadSpec spec, Probe probe) throws IOException {
		Histogram histogram = new Histogram(MAX_LATENCY, 3);
		try (Selector selector = Selector.open()) {
			List<UdpEchoSocket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < spec.connections(); i++) {
					DatagramChannel channel = DatagramChannel.open();
					UdpEchoSocket socket = new UdpEchoSocket(channel, address, spec, histogram);
					sockets.add(socket);
					channel.bind(new InetSocketAddress(address.getAddress(), 0));
					channel.configureBlocking(false);
					channel.register(selector, SelectionKey.OP_READ, socket);
				}
				long now = System.nanoTime();
				for (UdpEchoSocket socket : sockets) {
					socket.send(spec.window(), now);
				}
				Run run = new Run(spec, probe, histogram);
				long nextLossCheck = now + UDP_LOSS_TIMEOUT;
				while (run.running()) {
					selector.select((key) -> {
						UdpEchoSocket socket = (UdpEchoSocket) key.attachment();
						try {
							run.completed += socket.read(System.nanoTime());
						}
						catch (IOException ex) {
							throw new IllegalStateException("udp socket to " + address + " failed: " + ex, ex);
						}
					}, 10);
					now = System.nanoTime();
					if (now >= nextLossCheck) {
						nextLossCheck = now + UDP_LOSS_TIMEOUT / 4;
						for (UdpEchoSocket socket : sockets) {
							run.lost += socket.resendIfStalled(now);
						}
					}
				}
				return run.finish();
			}
			finally {
				closeAll(sockets.stream().map((s) -> s.channel).toList());
			}
		}
	}

	/**
	 * Opens {@code idleConnections} connections in batches, makes each echo one message
	 * (so the server has fully set it up), and calls {@code whileHeld} while all are
	 * open.
	 */
	static void idle(InetSocketAddress address, LoadSpec spec, IdleAction whileHeld) throws Exception {
		List<SocketChannel> channels = new ArrayList<>(spec.idleConnections());
		byte[] payload = new byte[spec.size()];
		Arrays.fill(payload, (byte) 'i');
		ByteBuffer answer = ByteBuffer.allocate(spec.size());
		try {
			int batch = 200;
			for (int start = 0; start < spec.idleConnections(); start += batch) {
				int end = Math.min(spec.idleConnections(), start + batch);
				for (int i = start; i < end; i++) {
					SocketChannel channel = SocketChannel.open();
					channels.add(channel);
					channel.connect(address);
					channel.write(ByteBuffer.wrap(payload));
				}
				for (int i = start; i < end; i++) {
					answer.clear();
					while (answer.hasRemaining()) {
						if (channels.get(i).read(answer) < 0) {
							throw new IOException("idle connection " + i + " to " + address + " closed by the server");
						}
					}
				}
			}
			whileHeld.run();
		}
		finally {
			closeAll(channels);
		}
	}

	/** Work done while the idle connections are held. */
	@FunctionalInterface
	interface IdleAction {

		void run() throws Exception;

	}

	/**
	 * Connects, completes the TLS handshake when {@code tls} is given (blocking, before
	 * any load), and leaves the socket non-blocking.
	 */
	private static Link connect(InetSocketAddress address, @Nullable ClientTls tls) throws IOException {
		SocketChannel channel = SocketChannel.open(address);
		try {
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			Link link;
			if (tls != null) {
				link = new TlsLink(channel, tls);
				if (link.handshake() != 0) {
					throw new IOException("a blocking handshake did not complete");
				}
			}
			else {
				link = new Link(channel);
			}
			channel.configureBlocking(false);
			return link;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private static SocketChannel open(InetSocketAddress address) throws IOException {
		SocketChannel channel = SocketChannel.open(address);
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		channel.configureBlocking(false);
		return channel;
	}

	private static void closeAll(List<? extends java.nio.channels.Channel> channels) {
		for (java.nio.channels.Channel channel : channels) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				System.err.println("load client: closing " + channel + " failed: " + ex);
			}
		}
	}

	private static byte[] payload(int size) {
		byte[] payload = new byte[size];
		Arrays.fill(payload, (byte) 'x');
		return payload;
	}

	/** Timing of one run: warm-up, then the measured time. */
	private static final class Run {

		private final Probe probe;

		private final Histogram histogram;

		private final long measureStart;

		private final long measureEnd;

		private long startedAt;

		private boolean measuring;

		long completed;

		long lost;

		String tls = "";

		private long clientCpuAtStart;

		Run(LoadSpec spec, Probe probe, Histogram histogram) {
			this.probe = probe;
			this.histogram = histogram;
			this.measureStart = System.nanoTime() + spec.warmup().toNanos();
			this.measureEnd = this.measureStart + spec.duration().toNanos();
		}

		boolean running() {
			long now = System.nanoTime();
			if (!this.measuring && now >= this.measureStart) {
				this.measuring = true;
				this.completed = 0;
				this.lost = 0;
				if (this.histogram != null) {
					this.histogram.reset();
				}
				this.probe.start();
				this.clientCpuAtStart = THREADS.getCurrentThreadCpuTime();
				this.startedAt = System.nanoTime();
			}
			return now < this.measureEnd;
		}

		boolean measuring() {
			return this.measuring;
		}

		Measurement finish() {
			long elapsed = System.nanoTime() - this.startedAt;
			double clientCpu = (THREADS.getCurrentThreadCpuTime() - this.clientCpuAtStart) * 100.0 / elapsed;
			this.probe.end();
			double seconds = elapsed / 1e9;
			if (this.histogram == null || this.histogram.getTotalCount() == 0) {
				return new Measurement(this.completed, seconds, Double.NaN, Double.NaN, Double.NaN, this.lost, this.tls,
						clientCpu);
			}
			return new Measurement(this.completed, seconds, micros(50), micros(99), micros(99.9), this.lost, this.tls,
					clientCpu);
		}

		private double micros(double percentile) {
			return this.histogram.getValueAtPercentile(percentile) / 1000.0;
		}

	}

	/**
	 * One closed-loop echo connection: a FIFO of send times, one per message in flight.
	 */
	private static final class TcpEchoConnection {

		final Link link;

		SelectionKey key;

		private final int size;

		private final byte[] payload;

		private final Histogram histogram;

		private final long[] sentAt;

		private int head;

		private int inFlight;

		private int partial;

		private final ByteBuffer in;

		private final ByteBuffer out;

		TcpEchoConnection(Link link, LoadSpec spec, Histogram histogram) {
			this.link = link;
			this.size = spec.size();
			this.payload = payload(spec.size());
			this.histogram = histogram;
			this.sentAt = new long[spec.window()];
			this.in = ByteBuffer.allocateDirect(Math.max(65536, spec.size() * spec.window()));
			this.out = ByteBuffer.allocateDirect(spec.size() * spec.window());
			this.out.flip();
		}

		void send(int count, long now) throws IOException {
			this.out.compact();
			for (int i = 0; i < count; i++) {
				this.out.put(this.payload);
				this.sentAt[(this.head + this.inFlight) % this.sentAt.length] = now;
				this.inFlight++;
			}
			this.out.flip();
			flush();
		}

		void flush() throws IOException {
			this.link.write(this.out);
			int ops = (this.out.hasRemaining() || this.link.hasPendingOutput())
					? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
			if (this.key != null && this.key.interestOps() != ops) {
				this.key.interestOps(ops);
			}
		}

		int read(long now) throws IOException {
			int done = 0;
			do {
				this.in.clear();
				int n = this.link.read(this.in);
				if (n < 0) {
					throw new IOException("server closed the connection");
				}
				this.partial += n;
				while (this.partial >= this.size) {
					this.partial -= this.size;
					this.histogram.recordValue(Math.min(MAX_LATENCY, now - this.sentAt[this.head]));
					this.head = (this.head + 1) % this.sentAt.length;
					this.inFlight--;
					done++;
				}
			}
			while (this.link.hasBufferedInput());
			if (done > 0) {
				send(done, now);
			}
			return done;
		}

	}

	/**
	 * One bulk connection: a transfer writes {@code bulkBytes} from a prepared 64 KiB
	 * chunk while reading the echo back; the next starts when all came back.
	 */
	private static final class BulkConnection {

		final Link link;

		SelectionKey key;

		private final Histogram histogram;

		private final int transferBytes;

		private final ByteBuffer chunk;

		private final ByteBuffer in = ByteBuffer.allocateDirect(65536);

		private long toSend;

		private long toReceive;

		private long startedAt;

		BulkConnection(Link link, LoadSpec spec, Histogram histogram) {
			this.link = link;
			this.histogram = histogram;
			this.transferBytes = spec.bulkBytes();
			this.chunk = ByteBuffer.allocateDirect(Math.min(65536, spec.bulkBytes()));
			this.chunk.put(payload(this.chunk.capacity())).flip();
		}

		void start(long now) throws IOException {
			this.startedAt = now;
			this.toSend = this.transferBytes;
			this.toReceive = this.transferBytes;
			this.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			write();
		}

		void write() throws IOException {
			while (this.toSend > 0) {
				if (!this.chunk.hasRemaining()) {
					this.chunk.clear();
				}
				this.chunk.limit((int) Math.min(this.chunk.capacity(), this.chunk.position() + this.toSend));
				int n = this.link.write(this.chunk);
				this.toSend -= n;
				if (n == 0) {
					return;
				}
			}
			if (this.link.hasPendingOutput()) {
				// All taken, not all sent (TLS): writing nothing sends what waits.
				this.link.write(this.chunk);
			}
			if (!this.link.hasPendingOutput()) {
				this.key.interestOps(SelectionKey.OP_READ);
			}
		}

		/** Returns the bytes received. */
		int read(long now) throws IOException {
			int received = 0;
			do {
				this.in.clear();
				int n = this.link.read(this.in);
				if (n < 0) {
					throw new IOException("server closed the connection");
				}
				received += n;
			}
			while (this.link.hasBufferedInput());
			this.toReceive -= received;
			if (this.toReceive < 0) {
				throw new IOException("the server echoed more than was sent");
			}
			if (this.toReceive == 0) {
				this.histogram.recordValue(Math.min(MAX_LATENCY, now - this.startedAt));
				start(now);
			}
			return received;
		}

	}

	/**
	 * One slot of connection churn: connect, handshake, echo one message, close, again.
	 */
	private static final class HandshakeSlot {

		private final InetSocketAddress address;

		private final Selector selector;

		private final @Nullable ClientTls tls;

		private final Histogram histogram;

		private final ByteBuffer message;

		private final ByteBuffer in;

		private @Nullable Link link;

		private @Nullable SelectionKey key;

		private boolean connected;

		private boolean echoing;

		private long startedAt;

		String negotiated = "";

		HandshakeSlot(InetSocketAddress address, Selector selector, LoadSpec spec, @Nullable ClientTls tls,
				Histogram histogram) {
			this.address = address;
			this.selector = selector;
			this.tls = tls;
			this.histogram = histogram;
			this.message = ByteBuffer.wrap(payload(spec.size()));
			this.in = ByteBuffer.allocate(Math.max(65536, spec.size()));
		}

		void start(long now) throws IOException {
			this.startedAt = now;
			this.connected = false;
			this.echoing = false;
			this.message.clear();
			this.in.clear();
			SocketChannel channel = SocketChannel.open();
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			this.link = (this.tls != null) ? new TlsLink(channel, this.tls) : new Link(channel);
			this.key = channel.register(this.selector, 0, this);
			if (channel.connect(this.address)) {
				connected();
			}
			else {
				this.key.interestOps(SelectionKey.OP_CONNECT);
			}
		}

		/** Returns whether this slot's connection got its echo (and the next started). */
		boolean ready(SelectionKey ready, long now) throws IOException {
			Link link = this.link;
			if (!this.connected) {
				if (!ready.isConnectable() || !link.channel.finishConnect()) {
					return false;
				}
				connected();
				return false;
			}
			if (!this.echoing) {
				handshake();
				return false;
			}
			if (this.message.hasRemaining() || link.hasPendingOutput()) {
				link.write(this.message);
			}
			do {
				int n = link.read(this.in);
				if (n < 0) {
					throw new IOException("server closed the connection before the echo");
				}
			}
			while (link.hasBufferedInput());
			if (this.in.position() < this.message.capacity()) {
				this.key.interestOps((this.message.hasRemaining() || link.hasPendingOutput())
						? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
				return false;
			}
			this.histogram.recordValue(Math.min(MAX_LATENCY, now - this.startedAt));
			if (this.negotiated.isEmpty()) {
				this.negotiated = link.negotiated();
			}
			link.close();
			start(now);
			return true;
		}

		private void connected() throws IOException {
			this.connected = true;
			handshake();
		}

		private void handshake() throws IOException {
			int waitFor = this.link.handshake();
			if (waitFor != 0) {
				this.key.interestOps(waitFor);
				return;
			}
			this.echoing = true;
			this.link.write(this.message);
			this.key.interestOps((this.message.hasRemaining() || this.link.hasPendingOutput())
					? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
		}

		void abort() {
			if (this.link != null) {
				try {
					this.link.channel.close();
				}
				catch (IOException ex) {
					// Closing at the end of a run: nothing to do about it.
				}
			}
		}

	}

	/**
	 * One flood connection: writes a prepared chunk over and over while under its window.
	 */
	private static final class FloodConnection {

		final SocketChannel channel;

		SelectionKey key;

		private final ByteBuffer chunk;

		private final ByteBuffer in = ByteBuffer.allocateDirect(65536);

		private final int window;

		private long unanswered;

		FloodConnection(SocketChannel channel, LoadSpec spec) {
			this.channel = channel;
			this.window = spec.floodWindowBytes();
			int messages = Math.max(1, Math.min(64, spec.floodWindowBytes() / spec.size()));
			this.chunk = ByteBuffer.allocateDirect(messages * spec.size());
			byte[] payload = payload(spec.size());
			for (int i = 0; i < messages; i++) {
				this.chunk.put(payload);
			}
			this.chunk.flip();
		}

		void write() throws IOException {
			while (this.unanswered < this.window) {
				if (!this.chunk.hasRemaining()) {
					this.chunk.rewind();
				}
				int n = this.channel.write(this.chunk);
				if (n == 0) {
					return;
				}
				this.unanswered += n;
			}
			this.key.interestOps(SelectionKey.OP_READ);
		}

		int read() throws IOException {
			this.in.clear();
			int n = this.channel.read(this.in);
			if (n < 0) {
				throw new IOException("server closed the connection");
			}
			this.unanswered -= n;
			if (this.unanswered < this.window && this.key.interestOps() == SelectionKey.OP_READ) {
				this.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
			return n;
		}

	}

	/** One closed-loop UDP socket; each datagram starts with its send time. */
	private static final class UdpEchoSocket {

		final DatagramChannel channel;

		private final InetSocketAddress server;

		private final int window;

		private final Histogram histogram;

		private final ByteBuffer out;

		private final ByteBuffer in;

		private int inFlight;

		private long lastProgress;

		UdpEchoSocket(DatagramChannel channel, InetSocketAddress server, LoadSpec spec, Histogram histogram) {
			this.channel = channel;
			this.server = server;
			this.window = spec.window();
			this.histogram = histogram;
			this.out = ByteBuffer.allocateDirect(spec.size());
			this.out.put(payload(spec.size()));
			this.in = ByteBuffer.allocateDirect(65536);
		}

		void send(int count, long now) throws IOException {
			for (int i = 0; i < count; i++) {
				this.out.clear();
				this.out.putLong(0, now);
				this.channel.send(this.out, this.server);
				this.inFlight++;
			}
			this.lastProgress = now;
		}

		int read(long now) throws IOException {
			int done = 0;
			while (true) {
				this.in.clear();
				if (this.channel.receive(this.in) == null) {
					break;
				}
				this.histogram.recordValue(Math.min(MAX_LATENCY, Math.max(0, now - this.in.getLong(0))));
				if (this.inFlight > 0) {
					this.inFlight--;
					done++;
				}
			}
			if (done > 0) {
				send(done, now);
			}
			return done;
		}

		int resendIfStalled(long now) throws IOException {
			if (now - this.lastProgress < UDP_LOSS_TIMEOUT) {
				return 0;
			}
			int lost = this.inFlight;
			this.inFlight = 0;
			send(this.window, now);
			return lost;
		}

	}

}
