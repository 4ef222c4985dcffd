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
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns configuration text into socket addresses and back.
 * <p>
 * Accepted forms:
 * <ul>
 * <li>{@code "host:port"}, for example {@code "127.0.0.1:8000"} or
 * {@code "localhost:8000"}</li>
 * <li>{@code ":port"}: all interfaces</li>
 * <li>{@code "[ipv6]:port"}, for example {@code "[::1]:8000"}</li>
 * <li>{@code "unix:/path/to.sock"}: a Unix domain socket</li>
 * </ul>
 * Port 0 asks for an ephemeral port.
 */
public final class Addresses {

	private static final String UNIX_PREFIX = "unix:";

	/** An IPv4 address, which {@link InetAddress#getByName} parses without a lookup. */
	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private Addresses() {
	}

	/**
	 * Parses an address.
	 * @param text the address text
	 * @return the address; host names are resolved
	 * @throws IllegalArgumentException if the text is not one of the accepted forms, the
	 * port is not 0..65535, or the host cannot be resolved
	 */
	public static SocketAddress parse(String text) {
		return parse(text, true);
	}

	/**
	 * Parses an address to connect to, leaving a host name unresolved
	 * ({@link InetSocketAddress#createUnresolved}): the NIO implementation looks it up at
	 * every connect, off the loop, so a {@link io.ngi.client.ReconnectingClient} follows
	 * the name to a new address and a name that does not resolve yet is a failed connect,
	 * not an error now. IP addresses and the other forms are parsed as by
	 * {@link #parse(String)}.
	 * @param text the address text
	 * @return the address; a host name unresolved
	 * @throws IllegalArgumentException if the text is not one of the accepted forms or
	 * the port is not 0..65535
	 */
	public static SocketAddress parseForConnect(String text) {
		return parse(text, false);
	}

	private static SocketAddress parse(String text, boolean resolveNames) {
		Objects.requireNonNull(text, "text");
		String trimmed = text.strip();
		if (trimmed.startsWith(UNIX_PREFIX)) {
			String path = trimmed.substring(UNIX_PREFIX.length());
			if (path.isEmpty()) {
				throw invalid(text, "the Unix socket path is empty");
			}
			return UnixDomainSocketAddress.of(path);
		}
		int colon = trimmed.lastIndexOf(':');
		if (colon < 0) {
			throw invalid(text, "expected host:port, :port, [ipv6]:port or unix:/path");
		}
		String host = trimmed.substring(0, colon);
		int port = parsePort(text, trimmed.substring(colon + 1));
		if (host.isEmpty()) {
			return new InetSocketAddress(port);
		}
		if (host.startsWith("[")) {
			if (!host.endsWith("]") || host.length() < 3) {
				throw invalid(text, "an IPv6 host must be written in brackets, like [::1]:8000");
			}
			host = host.substring(1, host.length() - 1);
		}
		else if (host.indexOf(':') >= 0) {
			throw invalid(text, "an IPv6 host must be written in brackets, like [::1]:8000");
		}
		else if (!resolveNames && !IPV4.matcher(host).matches()) {
			return InetSocketAddress.createUnresolved(host, port);
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(host), port);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Invalid address '" + text + "': unknown host '" + host + "'", ex);
		}
	}

	/**
	 * Formats an address the way {@link #parse} reads it: {@code "127.0.0.1:8000"},
	 * {@code "[::1]:8000"}, {@code "unix:/path"}; other addresses by {@code toString()}.
	 * @param address the address
	 * @return its text
	 */
	public static String format(SocketAddress address) {
		Objects.requireNonNull(address, "address");
		if (address instanceof InetSocketAddress inet) {
			InetAddress ip = inet.getAddress();
			String host = (ip != null) ? ip.getHostAddress() : inet.getHostString();
			if (host.indexOf(':') >= 0) {
				host = "[" + host + "]";
			}
			return host + ":" + inet.getPort();
		}
		if (address instanceof UnixDomainSocketAddress unix) {
			return UNIX_PREFIX + unix.getPath();
		}
		return address.toString();
	}

	private static int parsePort(String text, String port) {
		try {
			int value = Integer.parseInt(port);
			if (value >= 0 && value <= 65535) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(text, "the port must be a number from 0 to 65535: '" + port + "'");
	}

	private static IllegalArgumentException invalid(String text, String why) {
		return new IllegalArgumentException("Invalid address '" + text + "': " + why);
	}

}
