package io.ngi;

import java.net.SocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * Delivers network events to handlers: the NIO implementation over real sockets, or the
 * testing implementation in memory. All methods are thread-safe.
 * <p>
 * Application code depends only on this interface, so the same handlers run on either.
 */
public interface Implementation {

	/**
	 * Starts connecting to {@code address}; the outcome is delivered to {@code handler}
	 * later (NIO) or inside this call (testing). Failures are delivered to
	 * {@link ClientConnectHandler#failedConnect}, never thrown.
	 * @param address where to connect
	 * @param handler receives the connection or the failure
	 */
	void connect(SocketAddress address, ClientConnectHandler handler);

	/**
	 * Listens for connections with the {@linkplain ListenOptions#defaults() default
	 * options}.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param server called for each accepted connection
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	default Listener listen(@Nullable SocketAddress address, Server server) {
		return listen(address, server, ListenOptions.defaults());
	}

	/**
	 * Listens for connections.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param server called for each accepted connection
	 * @param options backlog, connection limit and observer
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	Listener listen(@Nullable SocketAddress address, Server server, ListenOptions options);

	/**
	 * Sends one datagram, fire and forget. Failures are logged, not thrown.
	 * @param address where to send
	 * @param message the datagram
	 */
	void sendUdp(SocketAddress address, byte[] message);

	/**
	 * Listens for datagrams with the {@linkplain ListenOptions#defaults() default
	 * options}.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param handler called for each datagram
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	default UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler) {
		return listenUdp(address, handler, ListenOptions.defaults());
	}

	/**
	 * Listens for datagrams.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param handler called for each datagram
	 * @param options buffer size and observer
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options);

}
