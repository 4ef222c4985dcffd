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

package io.ngi.sample;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Implementation;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;

/**
 * A UDP handler that counts the datagrams of each sender and answers each datagram with
 * {@code "ack <count> <bytes>\n"}: how many datagrams that sender has sent so far, and
 * the size of this one as received (a datagram longer than the listener's buffer arrives
 * truncated, and the answer shows it).
 * <p>
 * The table of senders is bounded: when it holds {@code maxSenders} senders and a new one
 * arrives, it is cleared (and that is logged), so a flood of spoofed sources cannot grow
 * memory. Thread-safe.
 */
final class DatagramCounter implements UdpHandler {

	private static final Logger logger = LoggerFactory.getLogger(DatagramCounter.class);

	private final Implementation implementation;

	private final int maxSenders;

	private final Map<SocketAddress, Long> counts = new ConcurrentHashMap<>();

	/**
	 * Creates the handler.
	 * @param implementation sends the acknowledgements
	 * @param maxSenders how many senders are tracked at most
	 */
	DatagramCounter(Implementation implementation, int maxSenders) {
		this.implementation = Objects.requireNonNull(implementation, "implementation");
		if (maxSenders <= 0) {
			throw new IllegalArgumentException("maxSenders must be > 0: " + maxSenders);
		}
		this.maxSenders = maxSenders;
	}

	/**
	 * Counts the datagram and acknowledges it to its source, through the listener that
	 * received it, so the answer comes from the address the sender sent to. Called by the
	 * implementation.
	 * @param listener the listener that received the datagram
	 * @param source the sender
	 * @param message the datagram
	 */
	@Override
	public void handle(UdpListener listener, SocketAddress source, byte[] message) {
		listener.send(source, acknowledge(source, message));
	}

	/**
	 * Counts the datagram and acknowledges it to its source through the implementation
	 * (for a caller that has no listener to answer through).
	 * @param source the sender
	 * @param message the datagram
	 */
	@Override
	public void handle(SocketAddress source, byte[] message) {
		this.implementation.sendUdp(source, acknowledge(source, message));
	}

	private byte[] acknowledge(SocketAddress source, byte[] message) {
		if (this.counts.size() >= this.maxSenders && !this.counts.containsKey(source)) {
			logger.info("udp: {} senders tracked, the limit; forgetting their counts", this.counts.size());
			this.counts.clear();
		}
		long count = this.counts.merge(source, 1L, Long::sum);
		logger.debug("udp: datagram {} of {} bytes from {}", count, message.length, source);
		return ("ack " + count + " " + message.length + "\n").getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Returns how many datagrams {@code source} sent since it was last forgotten.
	 * @param source a sender
	 * @return the count, 0 for an unknown sender
	 */
	long count(SocketAddress source) {
		return this.counts.getOrDefault(source, 0L);
	}

}
