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

package io.ngi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address block in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}, or one
 * address), for {@link ListenOptions#trustedProxies()}.
 */
final class CidrBlock {

	private final String text;

	private final byte[] network;

	private final int prefix;

	private CidrBlock(String text, byte[] network, int prefix) {
		this.text = text;
		this.network = network;
		this.prefix = prefix;
	}

	/**
	 * Parses a block.
	 * @param text the block: an IPv4 or IPv6 address literal, optionally with
	 * {@code /prefix}
	 * @return the block
	 * @throws IllegalArgumentException naming {@code text} if it is not one
	 */
	static CidrBlock parse(String text) {
		Objects.requireNonNull(text, "trusted proxy");
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		if (address.isEmpty()
				|| !(address.indexOf(':') >= 0 || address.chars().allMatch((c) -> c == '.' || Character.isDigit(c)))) {
			throw new IllegalArgumentException("trusted proxy '" + text
					+ "' is not an IP address or CIDR block (such as 10.0.0.0/8 or ::1/128); host names are not allowed");
		}
		byte[] bytes;
		try {
			bytes = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("trusted proxy '" + text + "' is not an IP address: " + ex.getMessage(),
					ex);
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(
						"trusted proxy '" + text + "' has a bad prefix length: 0 to " + bits + " expected");
			}
		}
		return new CidrBlock(trimmed, bytes, prefix);
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (candidate[full] & mask) == (this.network[full] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
