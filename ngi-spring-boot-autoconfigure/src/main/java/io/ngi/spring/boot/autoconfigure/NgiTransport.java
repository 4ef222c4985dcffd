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

package io.ngi.spring.boot.autoconfigure;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;

/**
 * The transport of a listener, as used in the {@code transport} metrics tag.
 */
public enum NgiTransport {

	/** TCP over IPv4 or IPv6. */
	TCP,

	/** UDP datagrams. */
	UDP,

	/** A Unix domain stream socket. */
	UNIX;

	/**
	 * Returns the lower-case tag value: {@code tcp}, {@code udp} or {@code unix}.
	 * @return the tag value
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	static NgiTransport ofStream(SocketAddress address) {
		return (address instanceof UnixDomainSocketAddress) ? UNIX : TCP;
	}

}
