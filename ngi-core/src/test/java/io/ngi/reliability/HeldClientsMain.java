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

package io.ngi.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The child-JVM client side of {@link ConcurrencyReliabilityTests}: opens {@code <count>}
 * connections to 127.0.0.1:{@code <port>} (each starting with a PROXY v1 header naming
 * client 10.0.x.y when a third argument {@code proxy} is given) and holds them all,
 * prints {@code HELD <n>}, sends one line on each, reads each answer, prints
 * {@code SERVED <n>}, and keeps them open until its standard input ends.
 */
public final class HeldClientsMain {

	private HeldClientsMain() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		int count = Integer.parseInt(args[1]);
		boolean proxy = args.length > 2 && args[2].equals("proxy");
		List<Socket> sockets = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
				socket.setSoTimeout(60_000);
				if (proxy) {
					socket.getOutputStream()
						.write(("PROXY TCP4 10.0." + (i / 250) + "." + (i % 250 + 1) + " 127.0.0.1 " + (10000 + i)
								+ " 7000\r\n")
							.getBytes(StandardCharsets.US_ASCII));
				}
				sockets.add(socket);
			}
			System.out.println("HELD " + sockets.size());
			System.out.flush();
			for (int i = 0; i < count; i++) {
				OutputStream out = sockets.get(i).getOutputStream();
				out.write(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII));
			}
			int served = 0;
			for (int i = 0; i < count; i++) {
				if (("ok hello " + i).equals(readLine(sockets.get(i).getInputStream()))) {
					served++;
				}
			}
			System.out.println("SERVED " + served);
			System.out.flush();
			System.in.transferTo(OutputStream.nullOutputStream());
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.append((char) b);
		}
		return line.toString();
	}

}
