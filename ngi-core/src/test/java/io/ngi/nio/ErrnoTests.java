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

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.channels.UnresolvedAddressException;

import io.ngi.CloseReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Errno}: the kind of a failed connect's reason comes from the exception's type,
 * whatever its message says; the text is the errno name where the message is known.
 */
class ErrnoTests {

	@Test
	void aRefusedConnectIsRefusedWhateverTheMessageSays() {
		CloseReason english = Errno.closeReason(new ConnectException("Connection refused"));
		assertThat(english.kind()).isEqualTo(CloseReason.Kind.REFUSED);
		assertThat(english.text()).isEqualTo("ECONNREFUSED");
		CloseReason german = Errno.closeReason(new ConnectException("Verbindungsaufbau abgelehnt"));
		assertThat(german.kind()).isEqualTo(CloseReason.Kind.REFUSED);
		assertThat(german.text()).isEqualTo("Verbindungsaufbau abgelehnt");
		CloseReason none = Errno.closeReason(new ConnectException());
		assertThat(none.kind()).isEqualTo(CloseReason.Kind.REFUSED);
		assertThat(none.text()).isEqualTo("java.net.ConnectException");
	}

	@Test
	void otherFailuresAreLocalErrorsWithTheirCause() {
		NoRouteToHostException unreachable = new NoRouteToHostException("No route to host");
		CloseReason reason = Errno.closeReason(unreachable);
		assertThat(reason.kind()).isEqualTo(CloseReason.Kind.LOCAL_ERROR);
		assertThat(reason.text()).isEqualTo("EHOSTUNREACH");
		assertThat(reason.cause()).isSameAs(unreachable);
		assertThat(Errno.closeReason(new SocketException("No such file or directory")).text()).isEqualTo("ENOENT");
		assertThat(Errno.closeReason(new UnresolvedAddressException()).kind()).isEqualTo(CloseReason.Kind.LOCAL_ERROR);
	}

}
