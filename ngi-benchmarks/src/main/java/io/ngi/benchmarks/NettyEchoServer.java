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

package io.ngi.benchmarks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * Netty 4.2 echo server on one NIO event loop (accept, TCP and UDP share it), written the
 * way Netty's own examples recommend: write during reads, flush once per read batch, and
 * stop reading while the channel is not writable. With TLS, an {@code SslHandler} from
 * {@code SslContextBuilder.forServer(...).sslProvider(SslProvider.JDK)} (the JDK's
 * {@code SSLEngine}, Netty's default protocols and cipher suites, pooled buffers) sits
 * before the same echo handler.
 */
final class NettyEchoServer implements EchoServer {

	private final EventLoopGroup group;

	private final Channel tcp;

	private final Channel udp;

	private NettyEchoServer(EventLoopGroup group, Channel tcp, Channel udp) {
		this.group = group;
		this.tcp = tcp;
		this.udp = udp;
	}

	static NettyEchoServer start(boolean tls) throws InterruptedException, SSLException {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		InetAddress loopback = InetAddress.getLoopbackAddress();
		TcpEcho echo = new TcpEcho();
		ChannelHandler handler = echo;
		if (tls) {
			SslContext context = SslContextBuilder.forServer(BenchTls.serverKeys())
				.sslProvider(SslProvider.JDK)
				.build();
			handler = new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(context.newHandler(channel.alloc()), echo);
				}
			};
		}
		Channel tcp = new ServerBootstrap().group(group)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 1024)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(handler)
			.bind(new InetSocketAddress(loopback, 0))
			.sync()
			.channel();
		Channel udp = new Bootstrap().group(group)
			.channel(NioDatagramChannel.class)
			.handler(new UdpEcho())
			.bind(new InetSocketAddress(loopback, 0))
			.sync()
			.channel();
		return new NettyEchoServer(group, tcp, udp);
	}

	@Override
	public int tcpPort() {
		return ((InetSocketAddress) this.tcp.localAddress()).getPort();
	}

	@Override
	public int udpPort() {
		return ((InetSocketAddress) this.udp.localAddress()).getPort();
	}

	@Override
	public void close() {
		this.tcp.close().syncUninterruptibly();
		this.udp.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Sharable
	static final class TcpEcho extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ctx.write(msg, ctx.voidPromise());
			if (!ctx.channel().isWritable()) {
				// Backpressure: stop reading before flushing, so a flush that drains the
				// outbound buffer turns reading back on through
				// channelWritabilityChanged.
				ctx.channel().config().setAutoRead(false);
				ctx.flush();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			if (ctx.channel().isWritable()) {
				ctx.channel().config().setAutoRead(true);
			}
			ctx.fireChannelWritabilityChanged();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

	@Sharable
	static final class UdpEcho extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			DatagramPacket packet = (DatagramPacket) msg;
			ctx.write(new DatagramPacket(packet.content(), packet.sender()), ctx.voidPromise());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// UDP send failures (e.g. ICMP port unreachable) must not stop the echo.
		}

	}

}
