/*
 * Chi bộ số — a small QR code encoder (ISO/IEC 18004): byte mode, versions 1–40, error
 * correction L/M/Q/H, all eight masks scored, drawn on a <canvas>. Written for DigiCell after the
 * structure of the standard; no dependencies.
 *
 *   DC.qr.matrix(text, 'M')            → {size, dark(x, y)}
 *   DC.qr.canvas(text, {scale, ecl})   → <canvas> with a 4-module quiet zone
 */
(function (DC) {
  'use strict';

  var ECC_PER_BLOCK = {
    L: [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    M: [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    Q: [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    H: [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
  };
  var BLOCKS = {
    L: [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
    M: [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    Q: [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    H: [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81]
  };
  var FORMAT_ECL = { L: 1, M: 0, Q: 3, H: 2 };

  function bit(value, i) { return ((value >>> i) & 1) !== 0; }

  function rawModules(ver) {
    var result = (16 * ver + 128) * ver + 64;
    if (ver >= 2) {
      var align = Math.floor(ver / 7) + 2;
      result -= (25 * align - 10) * align - 55;
      if (ver >= 7) { result -= 36; }
    }
    return result;
  }

  function dataCodewords(ver, ecl) {
    return Math.floor(rawModules(ver) / 8) - ECC_PER_BLOCK[ecl][ver] * BLOCKS[ecl][ver];
  }

  // ---- Reed–Solomon over GF(2^8), polynomial 0x11D
  function gfMul(x, y) {
    var z = 0;
    for (var i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11D);
      z ^= ((y >>> i) & 1) * x;
    }
    return z;
  }

  function rsDivisor(degree) {
    var result = [];
    for (var i = 0; i < degree - 1; i++) { result.push(0); }
    result.push(1);
    var root = 1;
    for (var k = 0; k < degree; k++) {
      for (var j = 0; j < result.length; j++) {
        result[j] = gfMul(result[j], root);
        if (j + 1 < result.length) { result[j] ^= result[j + 1]; }
      }
      root = gfMul(root, 0x02);
    }
    return result;
  }

  function rsRemainder(data, divisor) {
    var result = divisor.map(function () { return 0; });
    data.forEach(function (b) {
      var factor = b ^ result.shift();
      result.push(0);
      divisor.forEach(function (coef, i) { result[i] ^= gfMul(coef, factor); });
    });
    return result;
  }

  function utf8(text) {
    var bytes = [];
    var encoded = unescape(encodeURIComponent(text));
    for (var i = 0; i < encoded.length; i++) { bytes.push(encoded.charCodeAt(i)); }
    return bytes;
  }

  function encodeData(bytes, ecl) {
    var ver;
    for (ver = 1; ver <= 40; ver++) {
      var countBits = ver < 10 ? 8 : 16;
      if (4 + countBits + bytes.length * 8 <= dataCodewords(ver, ecl) * 8) { break; }
    }
    if (ver > 40) { throw new Error('QR: text too long'); }
    var bits = [];
    function put(value, length) { for (var i = length - 1; i >= 0; i--) { bits.push((value >>> i) & 1); } }
    put(4, 4);
    put(bytes.length, ver < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    var capacity = dataCodewords(ver, ecl) * 8;
    put(0, Math.min(4, capacity - bits.length));
    put(0, (8 - bits.length % 8) % 8);
    for (var pad = 0xEC; bits.length < capacity; pad ^= 0xEC ^ 0x11) { put(pad, 8); }
    var codewords = [];
    for (var i = 0; i < bits.length; i += 8) {
      var v = 0;
      for (var j = 0; j < 8; j++) { v = (v << 1) | bits[i + j]; }
      codewords.push(v);
    }
    return { version: ver, data: codewords };
  }

  function interleave(data, ver, ecl) {
    var numBlocks = BLOCKS[ecl][ver];
    var eccLen = ECC_PER_BLOCK[ecl][ver];
    var raw = Math.floor(rawModules(ver) / 8);
    var numShort = numBlocks - raw % numBlocks;
    var shortLen = Math.floor(raw / numBlocks);
    var divisor = rsDivisor(eccLen);
    var blocks = [];
    for (var i = 0, k = 0; i < numBlocks; i++) {
      var dat = data.slice(k, k + shortLen - eccLen + (i < numShort ? 0 : 1));
      k += dat.length;
      var ecc = rsRemainder(dat, divisor);
      if (i < numShort) { dat.push(0); }
      blocks.push(dat.concat(ecc));
    }
    var result = [];
    for (var n = 0; n < blocks[0].length; n++) {
      for (var b = 0; b < blocks.length; b++) {
        if (n !== shortLen - eccLen || b >= numShort) { result.push(blocks[b][n]); }
      }
    }
    return result;
  }

  function Matrix(ver, ecl) {
    this.ver = ver;
    this.ecl = ecl;
    this.size = ver * 4 + 17;
    this.modules = [];
    this.fn = [];
    for (var y = 0; y < this.size; y++) {
      this.modules.push(new Array(this.size).fill(false));
      this.fn.push(new Array(this.size).fill(false));
    }
  }

  Matrix.prototype.setFn = function (x, y, dark) { this.modules[y][x] = dark; this.fn[y][x] = true; };

  Matrix.prototype.alignPositions = function () {
    if (this.ver === 1) { return []; }
    var num = Math.floor(this.ver / 7) + 2;
    var step = Math.floor((this.ver * 8 + num * 3 + 5) / (num * 4 - 4)) * 2;
    var result = [];
    for (var pos = this.size - 7; result.length < num - 1; pos -= step) { result.unshift(pos); }
    result.unshift(6);
    return result;
  };

  Matrix.prototype.drawFunctionPatterns = function () {
    var size = this.size;
    var self = this;
    for (var i = 0; i < size; i++) {
      this.setFn(6, i, i % 2 === 0);
      this.setFn(i, 6, i % 2 === 0);
    }
    [[3, 3], [size - 4, 3], [3, size - 4]].forEach(function (c) {
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var dist = Math.max(Math.abs(dx), Math.abs(dy));
          var xx = c[0] + dx, yy = c[1] + dy;
          if (xx >= 0 && xx < size && yy >= 0 && yy < size) { self.setFn(xx, yy, dist !== 2 && dist !== 4); }
        }
      }
    });
    var pos = this.alignPositions();
    var last = pos.length - 1;
    for (var a = 0; a < pos.length; a++) {
      for (var b = 0; b < pos.length; b++) {
        if ((a === 0 && b === 0) || (a === 0 && b === last) || (a === last && b === 0)) { continue; }
        for (var ay = -2; ay <= 2; ay++) {
          for (var ax = -2; ax <= 2; ax++) {
            this.setFn(pos[a] + ax, pos[b] + ay, Math.max(Math.abs(ax), Math.abs(ay)) !== 1);
          }
        }
      }
    }
    this.drawFormatBits(0);
    if (this.ver >= 7) {
      var rem = this.ver;
      for (var r = 0; r < 12; r++) { rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25); }
      var bits = this.ver << 12 | rem;
      for (var v = 0; v < 18; v++) {
        var dark = bit(bits, v);
        var p = size - 11 + v % 3, q = Math.floor(v / 3);
        this.setFn(p, q, dark);
        this.setFn(q, p, dark);
      }
    }
  };

  Matrix.prototype.drawFormatBits = function (mask) {
    var data = FORMAT_ECL[this.ecl] << 3 | mask;
    var rem = data;
    for (var i = 0; i < 10; i++) { rem = (rem << 1) ^ ((rem >>> 9) * 0x537); }
    var bits = (data << 10 | rem) ^ 0x5412;
    var size = this.size;
    for (var a = 0; a <= 5; a++) { this.setFn(8, a, bit(bits, a)); }
    this.setFn(8, 7, bit(bits, 6));
    this.setFn(8, 8, bit(bits, 7));
    this.setFn(7, 8, bit(bits, 8));
    for (var b = 9; b < 15; b++) { this.setFn(14 - b, 8, bit(bits, b)); }
    for (var c = 0; c < 8; c++) { this.setFn(size - 1 - c, 8, bit(bits, c)); }
    for (var d = 8; d < 15; d++) { this.setFn(8, size - 15 + d, bit(bits, d)); }
    this.setFn(8, size - 8, true);
  };

  Matrix.prototype.drawCodewords = function (data) {
    var size = this.size;
    var i = 0;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) { right = 5; }
      for (var vert = 0; vert < size; vert++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j;
          var upward = ((right + 1) & 2) === 0;
          var y = upward ? size - 1 - vert : vert;
          if (!this.fn[y][x] && i < data.length * 8) {
            this.modules[y][x] = bit(data[i >>> 3], 7 - (i & 7));
            i++;
          }
        }
      }
    }
  };

  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; },
    function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; },
    function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0; },
    function (x, y) { return x * y % 2 + x * y % 3 === 0; },
    function (x, y) { return (x * y % 2 + x * y % 3) % 2 === 0; },
    function (x, y) { return ((x + y) % 2 + x * y % 3) % 2 === 0; }
  ];

  Matrix.prototype.applyMask = function (mask) {
    for (var y = 0; y < this.size; y++) {
      for (var x = 0; x < this.size; x++) {
        if (!this.fn[y][x] && MASKS[mask](x, y)) { this.modules[y][x] = !this.modules[y][x]; }
      }
    }
  };

  /** Runs of one colour, 2×2 blocks, finder-like patterns and dark/light balance. */
  Matrix.prototype.penalty = function () {
    var size = this.size, m = this.modules, score = 0, dark = 0;
    function lines(get) {
      for (var a = 0; a < size; a++) {
        var run = 1, seq = '';
        for (var b = 0; b < size; b++) {
          var v = get(a, b);
          seq += v ? '1' : '0';
          if (b > 0 && v === get(a, b - 1)) {
            run++;
            if (run === 5) { score += 3; } else if (run > 5) { score++; }
          } else { run = 1; }
        }
        var re = /(?=(10111010000|00001011101))/g;
        while (re.exec(seq)) { score += 40; re.lastIndex++; }
      }
    }
    lines(function (a, b) { return m[a][b]; });
    lines(function (a, b) { return m[b][a]; });
    for (var y = 0; y < size; y++) {
      for (var x = 0; x < size; x++) {
        if (m[y][x]) { dark++; }
        if (y < size - 1 && x < size - 1 && m[y][x] === m[y][x + 1] && m[y][x] === m[y + 1][x] && m[y][x] === m[y + 1][x + 1]) { score += 3; }
      }
    }
    var total = size * size;
    score += (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
    return score;
  };

  function matrix(text, ecl) {
    ecl = ecl || 'M';
    var encoded = encodeData(utf8(text), ecl);
    var all = interleave(encoded.data, encoded.version, ecl);
    var best = null, bestScore = Infinity;
    for (var mask = 0; mask < 8; mask++) {
      var q = new Matrix(encoded.version, ecl);
      q.drawFunctionPatterns();
      q.drawCodewords(all);
      q.applyMask(mask);
      q.drawFormatBits(mask);
      var score = q.penalty();
      if (score < bestScore) { best = q; bestScore = score; }
    }
    return { size: best.size, version: best.ver, dark: function (x, y) { return best.modules[y][x]; } };
  }

  function canvas(text, options) {
    options = options || {};
    var q = matrix(text, options.ecl || 'M');
    var scale = options.scale || 6;
    var border = 4;
    var c = document.createElement('canvas');
    c.width = c.height = (q.size + border * 2) * scale;
    var g = c.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = '#000000';
    for (var y = 0; y < q.size; y++) {
      for (var x = 0; x < q.size; x++) {
        if (q.dark(x, y)) { g.fillRect((x + border) * scale, (y + border) * scale, scale, scale); }
      }
    }
    c.className = 'qr';
    c.setAttribute('role', 'img');
    return c;
  }

  DC.qr = { matrix: matrix, canvas: canvas };
}(window.DC));
