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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PROXY header parser: the specification's examples, every prefix of a valid header
 * asks for more, and a million random and mutated headers give the same outcome as a
 * reference parser written independently from the specification (regular expressions for
 * v1, a byte buffer for v2), each within a bounded number of steps.
 */
class ProxyHeaderTests {

	private static final int MAX_V2 = ProxyHeader.V2_MAX_LENGTH;

	@Test
	void specificationExamples() throws Exception {
		byte[] v1 = "PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\nGET /"
			.getBytes(StandardCharsets.US_ASCII);
		ProxyHeader.Header header = (ProxyHeader.Header) ProxyHeader.parse(v1, v1.length, MAX_V2);
		assertThat(header.length()).isEqualTo(56);
		assertThat(header.source()).isEqualTo(new InetSocketAddress("255.255.255.255", 65535));
		byte[] v6 = "PROXY TCP6 ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(ProxyHeader.parse(v6, v6.length, MAX_V2)).isInstanceOf(ProxyHeader.Invalid.class);
		byte[] six = "PROXY TCP6 2001:db8::1 ::1 1 2\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(((ProxyHeader.Header) ProxyHeader.parse(six, six.length, MAX_V2)).source())
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1));
		byte[] unknown = "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(((ProxyHeader.Header) ProxyHeader.parse(unknown, unknown.length, MAX_V2)).source()).isNull();
		byte[] local = NioProxyProtocolTests.v2(0, 0x00, new byte[0]);
		assertThat(((ProxyHeader.Header) ProxyHeader.parse(local, local.length, MAX_V2)).length()).isEqualTo(16);
		byte[] hostname = "PROXY TCP4 example.com 10.0.0.1 1 2\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(ProxyHeader.parse(hostname, hostname.length, MAX_V2)).isInstanceOf(ProxyHeader.Invalid.class);
		assertThat(ProxyHeader.parse("SSH-2.0".getBytes(), 7, MAX_V2)).isSameAs(ProxyHeader.NOT_PROXY);
	}

	@Test
	void everyPrefixOfAValidHeaderAsksForMore() throws Exception {
		for (byte[] valid : new byte[][] { "PROXY TCP4 1.2.3.4 5.6.7.8 10 20\r\n".getBytes(StandardCharsets.US_ASCII),
				NioProxyProtocolTests.v2Tcp4("1.2.3.4", 10, "5.6.7.8", 20) }) {
			for (int length = 0; length < valid.length; length++) {
				assertThat(ProxyHeader.parse(valid, length, MAX_V2)).as("prefix of %d bytes", length)
					.isSameAs(ProxyHeader.NEED_MORE);
			}
			assertThat(ProxyHeader.parse(valid, valid.length, MAX_V2)).isInstanceOf(ProxyHeader.Header.class);
		}
	}

	@Test
	void aMillionRandomHeadersAgreeWithTheReference() throws Exception {
		Random random = new Random(20261204);
		byte[][] seeds = { "PROXY TCP4 192.0.2.7 198.51.100.1 56324 443\r\n".getBytes(StandardCharsets.US_ASCII),
				"PROXY TCP6 2001:db8::7 ::1 56324 443\r\n".getBytes(StandardCharsets.US_ASCII),
				"PROXY UNKNOWN whatever\r\n".getBytes(StandardCharsets.US_ASCII),
				NioProxyProtocolTests.v2Tcp4("192.0.2.7", 56324, "198.51.100.1", 443),
				NioProxyProtocolTests.v2(0, 0, new byte[0]), NioProxyProtocolTests.v2(1, 0x21, new byte[36]),
				NioProxyProtocolTests.v2(1, 0x31, new byte[216]) };
		int[] outcomes = new int[4];
		for (int i = 0; i < 1_000_000; i++) {
			byte[] input = mutate(seeds[random.nextInt(seeds.length)], random);
			int length = (random.nextInt(4) == 0) ? random.nextInt(input.length + 1) : input.length;
			Object actual = ProxyHeader.parse(input, length, MAX_V2);
			Object expected = Reference.parse(Arrays.copyOf(input, length));
			assertThat(describe(actual)).as("input %s", Arrays.toString(Arrays.copyOf(input, length)))
				.isEqualTo(describe(expected));
			outcomes[(actual == ProxyHeader.NEED_MORE) ? 0
					: (actual == ProxyHeader.NOT_PROXY) ? 1 : (actual instanceof ProxyHeader.Header) ? 2 : 3]++;
		}
		// Every outcome was exercised.
		assertThat(Arrays.stream(outcomes).min().getAsInt()).as("each outcome's count").isGreaterThan(1000);
	}

	private static byte[] mutate(byte[] seed, Random random) {
		switch (random.nextInt(6)) {
			case 0 -> {
				byte[] bytes = new byte[random.nextInt(120)];
				random.nextBytes(bytes);
				return bytes;
			}
			case 1 -> {
				byte[] copy = seed.clone();
				for (int flips = random.nextInt(3) + 1; flips > 0; flips--) {
					copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
				}
				return copy;
			}
			case 2 -> {
				byte[] copy = seed.clone();
				if (copy.length >= 16 && copy[0] == 0x0D) {
					int length = random.nextInt(0x10000);
					copy[14] = (byte) (length >> 8);
					copy[15] = (byte) length;
				}
				return copy;
			}
			case 3 -> {
				byte[] longer = Arrays.copyOf(seed, seed.length + random.nextInt(100));
				for (int i = seed.length; i < longer.length; i++) {
					longer[i] = (byte) (random.nextBoolean() ? ' ' : random.nextInt(256));
				}
				return longer;
			}
			case 4 -> {
				String text = new String(seed, StandardCharsets.ISO_8859_1);
				String[] tokens = { "PROXY", "TCP4", "TCP6", "UNKNOWN", "1.2.3.4", "256.1.1.1", "::1", "a::b", "80",
						"65536", "0", "-1", "+5", " ", "\r\n", "\n", "01.2.3.4" };
				StringBuilder line = new StringBuilder("PROXY");
				for (int t = random.nextInt(8); t > 0; t--) {
					line.append(random.nextBoolean() ? " " : "").append(tokens[random.nextInt(tokens.length)]);
				}
				line.append(random.nextInt(4) == 0 ? "" : "\r\n");
				return (text.startsWith("PROXY") ? line.toString() : text).getBytes(StandardCharsets.ISO_8859_1);
			}
			default -> {
				return seed.clone();
			}
		}
	}

	private static String describe(Object outcome) {
		if (outcome instanceof ProxyHeader.Header header) {
			return "header " + header.length() + " " + header.source() + " " + header.destination();
		}
		if (outcome instanceof ProxyHeader.Invalid) {
			return "invalid";
		}
		return String.valueOf(outcome);
	}

	/** The specification, written again without looking at {@link ProxyHeader}. */
	static final class Reference {

		private static final Pattern V1 = Pattern
			.compile("PROXY (TCP4|TCP6) ([0-9a-fA-F:.]+) ([0-9a-fA-F:.]+) ([0-9]{1,5}) ([0-9]{1,5})");

		private static final Pattern IPV4 = Pattern.compile(
				"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[0-9]{1,2}|0[0-9]{1,2})(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[0-9]{1,2}|0[0-9]{1,2})){3}");

		private static final byte[] SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
				0x0A };

		static Object parse(byte[] input) throws Exception {
			if (input.length == 0) {
				return ProxyHeader.NEED_MORE;
			}
			if (input[0] == 0x0D) {
				return v2(input);
			}
			if (input[0] == 'P') {
				return v1(input);
			}
			return ProxyHeader.NOT_PROXY;
		}

		private static Object v1(byte[] input) throws Exception {
			String text = new String(input, StandardCharsets.ISO_8859_1);
			String signature = "PROXY ";
			if (!signature.startsWith(text.substring(0, Math.min(text.length(), 6)))) {
				return ProxyHeader.NOT_PROXY;
			}
			int end = text.indexOf("\r\n", 6);
			if (end < 0 || end + 2 > 107) {
				return (input.length >= 107) ? new ProxyHeader.Invalid("long") : ProxyHeader.NEED_MORE;
			}
			String line = text.substring(0, end);
			if (line.startsWith("PROXY UNKNOWN") && (line.length() == 13 || line.charAt(13) == ' ')) {
				return new ProxyHeader.Header(end + 2, null, null, 1);
			}
			Matcher matcher = V1.matcher(line);
			if (!matcher.matches()) {
				return new ProxyHeader.Invalid("malformed");
			}
			boolean six = matcher.group(1).equals("TCP6");
			InetAddress source = address(matcher.group(2), six);
			InetAddress destination = address(matcher.group(3), six);
			int sourcePort = Integer.parseInt(matcher.group(4));
			int destinationPort = Integer.parseInt(matcher.group(5));
			if (source == null || destination == null || sourcePort > 65535 || destinationPort > 65535) {
				return new ProxyHeader.Invalid("malformed");
			}
			return new ProxyHeader.Header(end + 2, new InetSocketAddress(source, sourcePort),
					new InetSocketAddress(destination, destinationPort), 1);
		}

		private static InetAddress address(String text, boolean six) {
			try {
				if (!six) {
					if (!IPV4.matcher(text).matches()) {
						return null;
					}
					String[] octets = text.split("\\.");
					byte[] bytes = new byte[4];
					for (int i = 0; i < 4; i++) {
						bytes[i] = (byte) Integer.parseInt(octets[i]);
					}
					return InetAddress.getByAddress(bytes);
				}
				if (!text.contains(":") || text.length() > 45) {
					return null;
				}
				InetAddress address = InetAddress.getByName(text);
				return (address.getAddress().length == 16) ? address : null;
			}
			catch (Exception ex) {
				return null;
			}
		}

		private static Object v2(byte[] input) throws Exception {
			for (int i = 0; i < Math.min(input.length, 12); i++) {
				if (input[i] != SIGNATURE[i]) {
					return (i < 4) ? ProxyHeader.NOT_PROXY : new ProxyHeader.Invalid("signature");
				}
			}
			if (input.length < 16) {
				return ProxyHeader.NEED_MORE;
			}
			ByteBuffer buffer = ByteBuffer.wrap(input);
			int versionCommand = buffer.get(12) & 0xff;
			int family = buffer.get(13) & 0xff;
			int length = buffer.getShort(14) & 0xffff;
			if (versionCommand >> 4 != 2 || (versionCommand & 0xf) > 1 || 16 + length > MAX_V2) {
				return new ProxyHeader.Invalid("header");
			}
			if (input.length < 16 + length) {
				return ProxyHeader.NEED_MORE;
			}
			if ((versionCommand & 0xf) == 0 || family == 0x00 || family == 0x31 || family == 0x32) {
				return new ProxyHeader.Header(16 + length, null, null, 2);
			}
			int size = (family == 0x11 || family == 0x12) ? 4 : (family == 0x21 || family == 0x22) ? 16 : -1;
			if (size < 0 || length < 2 * size + 4) {
				return new ProxyHeader.Invalid("family");
			}
			byte[] source = Arrays.copyOfRange(input, 16, 16 + size);
			byte[] destination = Arrays.copyOfRange(input, 16 + size, 16 + 2 * size);
			int sourcePort = buffer.getShort(16 + 2 * size) & 0xffff;
			int destinationPort = buffer.getShort(18 + 2 * size) & 0xffff;
			return new ProxyHeader.Header(16 + length,
					new InetSocketAddress(InetAddress.getByAddress(source), sourcePort),
					new InetSocketAddress(InetAddress.getByAddress(destination), destinationPort), 2);
		}

		static boolean same(Object a, Object b) {
			return Objects.equals(describe(a), describe(b));
		}

	}

}
