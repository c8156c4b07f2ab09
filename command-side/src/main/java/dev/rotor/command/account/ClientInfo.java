package dev.rotor.command.account;

/** Where a request came from, as recorded on sessions and login events. */
public record ClientInfo(String ip, String userAgent) {

    private static final int MAX_USER_AGENT = 512;

    public static ClientInfo of(String ip, String userAgent) {
        String ua = userAgent == null ? null
                : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        return new ClientInfo(ip, ua);
    }
}
