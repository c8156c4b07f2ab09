import json, sys, urllib.request, urllib.error
base = sys.argv[1]
def call(method, path, body=None, bearer=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None: req.add_header("Content-Type", "application/json")
    if bearer: req.add_header("Authorization", "Bearer " + bearer)
    try:
        with urllib.request.urlopen(req) as r:
            txt = r.read().decode(); return r.status, (json.loads(txt) if txt else None)
    except urllib.error.HTTPError as e:
        txt = e.read().decode(); return e.code, (json.loads(txt) if txt else None)
def login(email, pw):
    s, b = call("POST", "/api/v1/auth/login", {"email": email, "password": pw}); assert s == 200, (s, b); return b
def refresh(tok):
    return call("POST", "/api/v1/auth/token/refresh", {"refresh_token": tok})
admin = login("admin@rotor.test", "admin-password-for-tests")["access_token"]
EMAIL, PW = "old-user@example.com", "old-user-password-1"
s, b = call("POST", "/api/v1/admin/users", {"email": EMAIL, "password": PW, "roles": ["user"]}, admin); assert s in (200, 201), (s, b)
user_id = b["user_id"] if "user_id" in b else b["id"]
# D: issued before the global rotation, killed by it
d = login(EMAIL, PW)
s, b = call("POST", "/api/v1/admin/rotations/global", {"reason": "pre-upgrade drill", "grace_period_seconds": 0}, admin); assert s == 200, (s, b)
assert refresh(d["refresh_token"])[0] == 401
# A: live session, refreshed twice
a = login(EMAIL, PW)
s, a1 = refresh(a["refresh_token"]); assert s == 200, (s, a1)
s, a2 = refresh(a1["refresh_token"]); assert s == 200, (s, a2)
assert call("GET", "/api/v1/me", bearer=a2["access_token"])[0] == 200
# B: logged out
bb = login(EMAIL, PW)
assert call("POST", "/api/v1/auth/logout", bearer=bb["access_token"])[0] in (200, 204)
assert refresh(bb["refresh_token"])[0] == 401
# C: refresh token reused, session revoked
c = login(EMAIL, PW)
import time
s, c1 = refresh(c["refresh_token"]); assert s == 200
time.sleep(3)
assert refresh(c["refresh_token"])[0] == 401
assert refresh(c1["refresh_token"])[0] == 401
props = {
  "email": EMAIL, "password": PW, "user_id": user_id,
  "live.session_id": a["session_id"], "live.refresh_token": a2["refresh_token"],
  "live.superseded_refresh_token": a1["refresh_token"],
  "rotated_out.session_id": d["session_id"], "rotated_out.refresh_token": d["refresh_token"],
  "logged_out.session_id": bb["session_id"], "logged_out.refresh_token": bb["refresh_token"],
  "reused.session_id": c["session_id"], "reused.refresh_token": c1["refresh_token"],
}
for k, v in props.items(): print(f"{k}={v}")
