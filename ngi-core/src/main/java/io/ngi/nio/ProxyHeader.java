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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A parser of HAProxy's PROXY protocol header, version 1 (a text line of at most 107
 * bytes) and version 2 (a binary header of 16 bytes plus a declared length). Pure: it
 * looks at the bytes received so far and says what they are; it never resolves a name.
 * <p>
 * Outcomes (documented, and the only ones): {@link #NEED_MORE} (a prefix of a header, or
 * nothing yet), {@link #NOT_PROXY} (the bytes do not start with either signature), a
 * {@link Header}, or a {@link Invalid} with the reason. A v2 header is refused when its
 * declared length takes it over {@code maxV2Length}, before its body arrives.
 */
final class ProxyHeader {

	/** The longest v1 header, CRLF included (the specification's limit). */
	static final int V1_MAX_LENGTH = 107;

	/**
	 * The longest v2 header accepted by default: 16 bytes and up to 2 KiB of addresses
	 * and TLVs.
	 */
	static final int V2_MAX_LENGTH = 16 + 2048;

	static final Object NEED_MORE = new Object() {
		@Override
		public String toString() {
			return "NEED_MORE";
		}
	};

	static final Object NOT_PROXY = new Object() {
		@Override
		public String toString() {
			return "NOT_PROXY";
		}
	};

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	private ProxyHeader() {
	}

	/**
	 * A header read.
	 *
	 * @param length its length in bytes: what follows it is the client's
	 * @param source the client's address, or {@code null} when the header carries none
	 * (v2 {@code LOCAL}, such as a balancer's health check; v1 {@code UNKNOWN}; an
	 * unspecified or Unix family)
	 * @param destination the address the client connected to, or {@code null}
	 * @param version 1 or 2
	 */
	record Header(int length, @Nullable InetSocketAddress source, @Nullable InetSocketAddress destination,
			int version) {
	}

	/**
	 * Bytes that start like a header but are not a valid one.
	 *
	 * @param reason why, for the log and the close reason
	 */
	record Invalid(String reason) {
	}

	/**
	 * Parses what was received so far.
	 * @param data the bytes
	 * @param length how many of them were received
	 * @param maxV2Length the longest v2 header accepted
	 * @return {@link #NEED_MORE}, {@link #NOT_PROXY}, a {@link Header} or an
	 * {@link Invalid}
	 */
	static Object parse(byte[] data, int length, int maxV2Length) {
		if (length == 0) {
			return NEED_MORE;
		}
		if (data[0] == V2_SIGNATURE[0]) {
			return parseV2(data, length, maxV2Length);
		}
		if (data[0] == V1_SIGNATURE[0]) {
			return parseV1(data, length);
		}
		return NOT_PROXY;
	}

	private static Object parseV2(byte[] data, int length, int maxV2Length) {
		int prefix = Math.min(length, V2_SIGNATURE.length);
		for (int i = 0; i < prefix; i++) {
			if (data[i] != V2_SIGNATURE[i]) {
				return (i < 4) ? NOT_PROXY : new Invalid("bad PROXY v2 signature");
			}
		}
		if (length < 16) {
			return NEED_MORE;
		}
		int versionCommand = data[12] & 0xff;
		if ((versionCommand >> 4) != 2) {
			return new Invalid("unsupported PROXY v2 version " + (versionCommand >> 4));
		}
		int command = versionCommand & 0x0f;
		if (command > 1) {
			return new Invalid("unsupported PROXY v2 command " + command);
		}
		int family = data[13] & 0xff;
		int bodyLength = ((data[14] & 0xff) << 8) | (data[15] & 0xff);
		int total = 16 + bodyLength;
		if (total > maxV2Length) {
			return new Invalid("PROXY v2 header of " + total + " bytes is over the limit of " + maxV2Length);
		}
		if (length < total) {
			return NEED_MORE;
		}
		if (command == 0) {
			return new Header(total, null, null, 2);
		}
		switch (family) {
			case 0x11, 0x12 -> {
				if (bodyLength < 12) {
					return new Invalid("PROXY v2 IPv4 addresses need 12 bytes, got " + bodyLength);
				}
				return new Header(total, address(data, 16, 4, 24), address(data, 20, 4, 26), 2);
			}
			case 0x21, 0x22 -> {
				if (bodyLength < 36) {
					return new Invalid("PROXY v2 IPv6 addresses need 36 bytes, got " + bodyLength);
				}
				return new Header(total, address(data, 16, 16, 48), address(data, 32, 16, 50), 2);
			}
			case 0x00, 0x31, 0x32 -> {
				// Unspecified or Unix addresses: the connection stays the proxy's.
				return new Header(total, null, null, 2);
			}
			default -> {
				return new Invalid("unsupported PROXY v2 address family 0x" + Integer.toHexString(family));
			}
		}
	}

	private static InetSocketAddress address(byte[] data, int offset, int size, int portOffset) {
		byte[] bytes = new byte[size];
		System.arraycopy(data, offset, bytes, 0, size);
		int port = ((data[portOffset] & 0xff) << 8) | (data[portOffset + 1] & 0xff);
		try {
			return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("an address of " + size + " bytes", ex);
		}
	}

	private static Object parseV1(byte[] data, int length) {
		int prefix = Math.min(length, V1_SIGNATURE.length);
		for (int i = 0; i < prefix; i++) {
			if (data[i] != V1_SIGNATURE[i]) {
				return NOT_PROXY;
			}
		}
		int end = -1;
		int limit = Math.min(length, V1_MAX_LENGTH);
		for (int i = V1_SIGNATURE.length; i < limit - 1; i++) {
			if (data[i] == '\r' && data[i + 1] == '\n') {
				end = i;
				break;
			}
		}
		if (end < 0) {
			return (length >= V1_MAX_LENGTH) ? new Invalid("PROXY v1 header longer than 107 bytes") : NEED_MORE;
		}
		String line = new String(data, 0, end, StandardCharsets.US_ASCII);
		String[] parts = line.split(" ", -1);
		if (parts.length >= 2 && parts[1].equals("UNKNOWN")) {
			return new Header(end + 2, null, null, 1);
		}
		if (parts.length != 6 || !(parts[1].equals("TCP4") || parts[1].equals("TCP6"))) {
			return new Invalid("malformed PROXY v1 header");
		}
		boolean v6 = parts[1].equals("TCP6");
		InetAddress source = literal(parts[2], v6);
		InetAddress destination = literal(parts[3], v6);
		int sourcePort = port(parts[4]);
		int destinationPort = port(parts[5]);
		if (source == null || destination == null || sourcePort < 0 || destinationPort < 0) {
			return new Invalid("malformed PROXY v1 header");
		}
		return new Header(end + 2, new InetSocketAddress(source, sourcePort),
				new InetSocketAddress(destination, destinationPort), 1);
	}

	/** Parses an address literal strictly: never a name, so never a DNS lookup. */
	private static @Nullable InetAddress literal(String text, boolean v6) {
		if (text.isEmpty() || text.length() > 45) {
			return null;
		}
		if (!v6) {
			String[] octets = text.split("\\.", -1);
			if (octets.length != 4) {
				return null;
			}
			byte[] bytes = new byte[4];
			for (int i = 0; i < 4; i++) {
				int value = decimal(octets[i], 3);
				if (value < 0 || value > 255) {
					return null;
				}
				bytes[i] = (byte) value;
			}
			try {
				return InetAddress.getByAddress(bytes);
			}
			catch (UnknownHostException ex) {
				return null;
			}
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
				return null;
			}
		}
		if (text.indexOf(':') < 0) {
			return null;
		}
		try {
			// Only hex digits, colons and dots: a literal, which is never resolved.
			InetAddress address = InetAddress.getByName(text);
			return (address.getAddress().length == 16) ? address : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static int port(String text) {
		int value = decimal(text, 5);
		return (value > 65535) ? -1 : value;
	}

	private static int decimal(String text, int maxDigits) {
		if (text.isEmpty() || text.length() > maxDigits) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
