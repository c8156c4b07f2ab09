package dev.rotor.command.web;

import dev.rotor.command.account.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;

final class Clients {

    private Clients() {
    }

    static ClientInfo of(HttpServletRequest request) {
        return ClientInfo.of(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }
}
