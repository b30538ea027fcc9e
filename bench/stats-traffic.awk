# MOTD traffic in nginx's combined format, for bench/stats.sh: n lines over three days, about
# 78% targeted fetches (releases, platforms, languages, Python versions, some unknown), 15%
# generic ones, and signatures, pages and POSTs. Usage: awk -v n=1000000 -f bench/stats-traffic.awk
BEGIN {
  srand(7);
  split("1.0.0rc5 1.0.0rc6 1.0.0rc6 1.0.0rc6 1.0.0rc7.dev2", vers, " ");
  split("linux2 linux2 linux2 darwin win32 freebsd11 haiku", oss, " ");
  split("en en en de fr pt_BR es it nl ru", langs, " ");
  split("2.7.18 2.7.16 2.7.13 3.11.2", pys, " ");
  for (i = 0; i < n; i++) {
    sec = int(i * 259200 / n);
    day = 1 + int(sec / 86400); h = int(sec % 86400 / 3600); m = int(sec % 3600 / 60); s = sec % 60;
    ip = int(rand() * 223) + 1 "." int(rand() * 256) "." int(rand() * 256) "." int(rand() * 256);
    r = rand();
    method = "GET"; status = 200;
    if (r < 0.78) {
      path = sprintf("/motd/%s-%s/motd.json?lang=%s&py=%s", vers[int(rand() * 5) + 1], oss[int(rand() * 7) + 1], langs[int(rand() * 10) + 1], pys[int(rand() * 4) + 1]);
      if (rand() < 0.1) status = 304;
    } else if (r < 0.93) {
      path = "/motd/latest/motd.json";
    } else if (r < 0.97) {
      path = "/motd/1.0.0rc6-linux2/motd.json.asc";
    } else if (r < 0.99) {
      path = "/index.html";
    } else {
      path = "/motd/latest/motd.json"; method = "POST"; status = 405;
    }
    printf "%s - - [%02d/Nov/2026:%02d:%02d:%02d +0000] \"%s %s HTTP/1.1\" %d %d \"-\" \"Mailpile/1.0 (Python 2; %d)\"\n", ip, day, h, m, s, method, path, status, 400 + int(rand() * 900), int(rand() * 100000);
  }
}
