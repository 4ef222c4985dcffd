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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AddressesTests {

	@Test
	void parsesHostAndPort() throws Exception {
		assertThat(Addresses.parse("127.0.0.1:8000"))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8000));
	}

	@Test
	void parsesPortAloneAsAllInterfaces() {
		InetSocketAddress address = (InetSocketAddress) Addresses.parse(":9000");
		assertThat(address.getAddress().isAnyLocalAddress()).isTrue();
		assertThat(address.getPort()).isEqualTo(9000);
	}

	@Test
	void parsesBracketedIpv6() throws Exception {
		assertThat(Addresses.parse("[::1]:0")).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 0));
	}

	@Test
	void parsesUnixPath() {
		assertThat(Addresses.parse("unix:/tmp/ngi.sock")).isEqualTo(UnixDomainSocketAddress.of("/tmp/ngi.sock"));
	}

	@Test
	void formatIsTheInverseOfParse() {
		for (String text : new String[] { "127.0.0.1:8000", "[0:0:0:0:0:0:0:1]:7", "unix:/tmp/x.sock" }) {
			SocketAddress address = Addresses.parse(text);
			assertThat(Addresses.parse(Addresses.format(address))).isEqualTo(address);
		}
		assertThat(Addresses.format(Addresses.parse("[::1]:80"))).isEqualTo("[0:0:0:0:0:0:0:1]:80");
	}

	@Test
	void rejectsBadInputNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parse("localhost"))
			.withMessageContaining("'localhost'");
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parse("host:http"))
			.withMessageContaining("port must be a number from 0 to 65535: 'http'");
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parse(":70000"))
			.withMessageContaining("'70000'");
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parse("::1:80"))
			.withMessageContaining("brackets");
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parse("unix:"))
			.withMessageContaining("path is empty");
		assertThatNullPointerException().isThrownBy(() -> Addresses.parse(null)).withMessage("text");
	}

	@Test
	void parseForConnectLeavesHostNamesUnresolvedAndParsesIpAddresses() throws Exception {
		InetSocketAddress named = (InetSocketAddress) Addresses.parseForConnect("db.example:5432");
		assertThat(named.isUnresolved()).isTrue();
		assertThat(named.getHostString()).isEqualTo("db.example");
		assertThat(named.getPort()).isEqualTo(5432);
		assertThat(Addresses.format(named)).isEqualTo("db.example:5432");
		assertThat(Addresses.parseForConnect("no-such-host.invalid:1")).isInstanceOf(InetSocketAddress.class);
		assertThat(Addresses.parseForConnect("127.0.0.1:8000"))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8000));
		assertThat(Addresses.parseForConnect("[::1]:80"))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 80));
		assertThat(Addresses.parseForConnect("unix:/tmp/ngi.sock"))
			.isEqualTo(UnixDomainSocketAddress.of("/tmp/ngi.sock"));
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parseForConnect("db.example:http"))
			.withMessageContaining("port must be a number from 0 to 65535: 'http'");
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parseForConnect("::1:80"))
			.withMessageContaining("brackets");
	}

	@Test
	void parseResolvesAndRejectsAnUnknownHost() {
		assertThatIllegalArgumentException().isThrownBy(() -> Addresses.parse("no-such-host.invalid:1"))
			.withMessageContaining("unknown host 'no-such-host.invalid'");
	}

}
