//! The estimation formula language.
//!
//! ```text
//! formula := sum
//! sum     := product (("+" | "-" | "−") product)*
//! product := unary (("*" | "×" | "·" | "/" | "÷") unary)*
//! unary   := ("-" | "−") unary | power
//! power   := atom ("^" unary)?            right-associative: 2^3^2 = 2^9
//! atom    := number | NAME | function "(" sum ("," sum)* ")" | "(" sum ")"
//! number  := digits with optional "_" separators, fraction and exponent (1_000, 1.5, 1e6)
//! ```
//!
//! A lower-case `NAME` is an input or another figure of the same design; an upper-case `NAME`
//! is a constant ([`CONSTANTS`]). Functions are listed in [`FUNCTIONS`]. Every value is in base
//! units (see [`crate::units`]), so `500 * 100e6` bytes displays as "50 GB".
//!
//! ```
//! use sdp_designs::expr::Formula;
//! let f = Formula::parse("per_second(urls_per_day) * ratio").unwrap();
//! let v = f.eval(&|name| match name {
//!     "urls_per_day" => Some(100e6),
//!     "ratio" => Some(100.0),
//!     _ => None,
//! });
//! assert!((v.unwrap() - 115_740.74).abs() < 0.01);
//! assert_eq!(f.names(), vec!["urls_per_day", "ratio"]);
//! ```

use crate::units::{DAY, YEAR};
use std::fmt;
use std::ops::Range;

/// Longest formula accepted, in bytes.
pub const MAX_FORMULA_LEN: usize = 1000;
/// Deepest nesting accepted (parentheses, unary minus, powers).
pub const MAX_DEPTH: usize = 64;

/// Named constants (upper case), in base units.
pub const CONSTANTS: &[(&str, f64, &str)] = &[
    ("KB", 1e3, "1 000 bytes (decimal SI)"),
    ("MB", 1e6, "10⁶ bytes"),
    ("GB", 1e9, "10⁹ bytes"),
    ("TB", 1e12, "10¹² bytes"),
    ("PB", 1e15, "10¹⁵ bytes"),
    ("EB", 1e18, "10¹⁸ bytes"),
    ("MINUTE", 60.0, "60 seconds"),
    ("HOUR", 3600.0, "3 600 seconds"),
    ("DAY", DAY, "86 400 seconds"),
    ("YEAR", YEAR, "365.25 days in seconds"),
];

/// A built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    /// `per_second(x)` = x ÷ 86 400: a per-day count as a per-second rate.
    PerSecond,
    /// `per_day(x)` = x × 86 400: a per-second rate as a per-day count.
    PerDay,
    /// `per_year(x)` = x × 365: a per-day amount over a year (the documents' "× 365").
    PerYear,
    /// `peak(x, factor)` = x × factor: a peak from an average and a peak factor.
    Peak,
    /// `min(a, b, …)`.
    Min,
    /// `max(a, b, …)`.
    Max,
    /// `ceil(x)`.
    Ceil,
    /// `floor(x)`.
    Floor,
    /// `round(x)`, halves away from zero.
    Round,
    /// `pow(a, b)` = a ^ b.
    Pow,
    /// `log2(x)`.
    Log2,
    /// `exp(x)` = eˣ.
    Exp,
    /// `bit(x, i)`: bit `i` (0 = least significant) of the whole part of `x`, 0 or 1.
    Bit,
}

/// Every function: name, argument count (`None` = one or more), description.
pub const FUNCTIONS: &[(&str, Func, Option<usize>, &str)] = &[
    (
        "per_second",
        Func::PerSecond,
        Some(1),
        "x ÷ 86 400 (per day → per second)",
    ),
    (
        "per_day",
        Func::PerDay,
        Some(1),
        "x × 86 400 (per second → per day)",
    ),
    (
        "per_year",
        Func::PerYear,
        Some(1),
        "x × 365 (per day → per year)",
    ),
    ("peak", Func::Peak, Some(2), "x × factor (average → peak)"),
    ("min", Func::Min, None, "smallest argument"),
    ("max", Func::Max, None, "largest argument"),
    ("ceil", Func::Ceil, Some(1), "round up"),
    ("floor", Func::Floor, Some(1), "round down"),
    ("round", Func::Round, Some(1), "round to nearest"),
    ("pow", Func::Pow, Some(2), "a to the power b"),
    ("log2", Func::Log2, Some(1), "base-2 logarithm"),
    ("exp", Func::Exp, Some(1), "e to the power x"),
    ("bit", Func::Bit, Some(2), "bit i of x (0 = lowest), 0 or 1"),
];

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `^`
    Pow,
}

/// A parsed formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A literal.
    Num(f64),
    /// An input, figure or constant.
    Name(String),
    /// `-x`.
    Neg(Box<Expr>),
    /// `a op b`.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `f(args)`.
    Call(Func, Vec<Expr>),
}

/// A syntax or evaluation error, with the byte offset where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset into the formula (0 for evaluation errors).
    pub pos: usize,
    /// What is wrong.
    pub message: String,
}

impl ExprError {
    fn at(pos: usize, message: impl Into<String>) -> Self {
        ExprError {
            pos,
            message: message.into(),
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.pos)
    }
}

impl std::error::Error for ExprError {}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(char),
    Open,
    Close,
    Comma,
}

fn lex(text: &str) -> Result<Vec<(Tok, Range<usize>)>, ExprError> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let mut end = start;
            let mut prev = ' ';
            while let Some(&(i, d)) = chars.peek() {
                let exp_sign = (d == '+' || d == '-') && (prev == 'e' || prev == 'E');
                if d.is_ascii_digit() || d == '.' || d == '_' || d == 'e' || d == 'E' || exp_sign {
                    end = i + d.len_utf8();
                    prev = d;
                    chars.next();
                } else {
                    break;
                }
            }
            let raw = text.get(start..end).unwrap_or("").replace('_', "");
            let value: f64 = raw
                .parse()
                .map_err(|_| ExprError::at(start, format!("“{raw}” is not a number")))?;
            out.push((Tok::Num(value), start..end));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_alphanumeric() || d == '_' {
                    end = i + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            out.push((
                Tok::Ident(text.get(start..end).unwrap_or("").to_string()),
                start..end,
            ));
            continue;
        }
        let tok = match c {
            '+' => Tok::Op('+'),
            '-' | '−' => Tok::Op('-'),
            '*' | '×' | '·' => Tok::Op('*'),
            '/' | '÷' => Tok::Op('/'),
            '^' => Tok::Op('^'),
            '(' => Tok::Open,
            ')' => Tok::Close,
            ',' => Tok::Comma,
            other => return Err(ExprError::at(start, format!("unexpected “{other}”"))),
        };
        out.push((tok, start..start + c.len_utf8()));
        chars.next();
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    i: usize,
    end: usize,
    depth: usize,
    names: Vec<(Range<usize>, String)>,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|(t, _)| t)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(self.end, |(_, r)| r.start)
    }

    fn deeper(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(ExprError::at(
                self.pos(),
                format!("nested deeper than {MAX_DEPTH}"),
            ))
        } else {
            Ok(())
        }
    }

    fn sum(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.product()?;
        while let Some(Tok::Op(op @ ('+' | '-'))) = self.peek() {
            let op = if *op == '+' { BinOp::Add } else { BinOp::Sub };
            self.i += 1;
            let right = self.product()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.unary()?;
        while let Some(Tok::Op(op @ ('*' | '/'))) = self.peek() {
            let op = if *op == '*' { BinOp::Mul } else { BinOp::Div };
            self.i += 1;
            let right = self.unary()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        self.deeper()?;
        let e = if let Some(Tok::Op('-')) = self.peek() {
            self.i += 1;
            Expr::Neg(Box::new(self.unary()?))
        } else {
            self.power()?
        };
        self.depth -= 1;
        Ok(e)
    }

    fn power(&mut self) -> Result<Expr, ExprError> {
        let base = self.atom()?;
        if let Some(Tok::Op('^')) = self.peek() {
            self.i += 1;
            let exp = self.unary()?;
            return Ok(Expr::Bin(BinOp::Pow, Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, ExprError> {
        let pos = self.pos();
        let Some((tok, span)) = self.toks.get(self.i).cloned() else {
            return Err(ExprError::at(pos, "formula ends too early"));
        };
        self.i += 1;
        match tok {
            Tok::Num(v) => Ok(Expr::Num(v)),
            Tok::Open => {
                self.deeper()?;
                let e = self.sum()?;
                self.expect_close()?;
                self.depth -= 1;
                Ok(e)
            }
            Tok::Ident(name) if self.peek() == Some(&Tok::Open) => self.call(&name, pos),
            Tok::Ident(name) => {
                self.names.push((span, name.clone()));
                Ok(Expr::Name(name))
            }
            _ => Err(ExprError::at(pos, "expected a number, a name or “(”")),
        }
    }

    fn call(&mut self, name: &str, pos: usize) -> Result<Expr, ExprError> {
        let Some(&(_, func, arity, _)) = FUNCTIONS.iter().find(|(n, ..)| *n == name) else {
            return Err(ExprError::at(pos, format!("unknown function “{name}”")));
        };
        self.i += 1; // "("
        self.deeper()?;
        let mut args = vec![self.sum()?];
        while self.peek() == Some(&Tok::Comma) {
            self.i += 1;
            args.push(self.sum()?);
        }
        self.expect_close()?;
        self.depth -= 1;
        if let Some(n) = arity {
            if args.len() != n {
                return Err(ExprError::at(
                    pos,
                    format!("{name} takes {n} argument(s), got {}", args.len()),
                ));
            }
        }
        Ok(Expr::Call(func, args))
    }

    fn expect_close(&mut self) -> Result<(), ExprError> {
        if self.peek() == Some(&Tok::Close) {
            self.i += 1;
            Ok(())
        } else {
            Err(ExprError::at(self.pos(), "expected “)”"))
        }
    }
}

/// A formula: its text, its syntax tree and where each name occurs.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    text: String,
    expr: Expr,
    names: Vec<(Range<usize>, String)>,
}

impl Formula {
    /// Parses a formula.
    pub fn parse(text: &str) -> Result<Formula, ExprError> {
        if text.len() > MAX_FORMULA_LEN {
            return Err(ExprError::at(
                0,
                format!("longer than {MAX_FORMULA_LEN} characters"),
            ));
        }
        let toks = lex(text)?;
        let mut p = Parser {
            toks,
            i: 0,
            end: text.len(),
            depth: 0,
            names: Vec::new(),
        };
        let expr = p.sum()?;
        if p.i < p.toks.len() {
            return Err(ExprError::at(p.pos(), "unexpected text after the formula"));
        }
        Ok(Formula {
            text: text.to_string(),
            expr,
            names: p.names,
        })
    }

    /// The formula as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax tree.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The lower-case names it refers to (inputs and figures), in order, without repeats.
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (_, n) in &self.names {
            if constant(n).is_none() && !out.contains(&n.as_str()) {
                out.push(n);
            }
        }
        out
    }

    /// Evaluates with `lookup` giving the base value of each input or figure.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<f64>) -> Result<f64, ExprError> {
        let v = eval(&self.expr, lookup)?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(ExprError::at(0, "the result is not a finite number"))
        }
    }

    /// The formula with each name replaced by `show(name)` (e.g. its formatted value), other
    /// text kept as written: `per_second(urls)` → `per_second(100 M/day)`.
    pub fn substitute(&self, show: &dyn Fn(&str) -> Option<String>) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for (span, name) in &self.names {
            out.push_str(self.text.get(at..span.start).unwrap_or(""));
            match show(name) {
                Some(s) => out.push_str(&s),
                None => out.push_str(name),
            }
            at = span.end;
        }
        out.push_str(self.text.get(at..).unwrap_or(""));
        out
    }
}

/// The value of constant `name`, if it is one.
pub fn constant(name: &str) -> Option<f64> {
    CONSTANTS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, v, _)| *v)
}

fn eval(e: &Expr, lookup: &dyn Fn(&str) -> Option<f64>) -> Result<f64, ExprError> {
    Ok(match e {
        Expr::Num(v) => *v,
        Expr::Name(n) => match constant(n).or_else(|| lookup(n)) {
            Some(v) => v,
            None => return Err(ExprError::at(0, format!("unknown name “{n}”"))),
        },
        Expr::Neg(x) => -eval(x, lookup)?,
        Expr::Bin(op, a, b) => {
            let (a, b) = (eval(a, lookup)?, eval(b, lookup)?);
            match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div if b == 0.0 => return Err(ExprError::at(0, "division by zero")),
                BinOp::Div => a / b,
                BinOp::Pow => a.powf(b),
            }
        }
        Expr::Call(f, args) => {
            let vals = args
                .iter()
                .map(|a| eval(a, lookup))
                .collect::<Result<Vec<f64>, _>>()?;
            let x = vals.first().copied().unwrap_or(f64::NAN);
            let y = vals.get(1).copied().unwrap_or(f64::NAN);
            match f {
                Func::PerSecond => x / DAY,
                Func::PerDay => x * DAY,
                Func::PerYear => x * 365.0,
                Func::Peak => x * y,
                Func::Min => vals.iter().copied().fold(f64::INFINITY, f64::min),
                Func::Max => vals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                Func::Ceil => x.ceil(),
                Func::Floor => x.floor(),
                Func::Round => x.round(),
                Func::Pow => x.powf(y),
                Func::Log2 => x.log2(),
                Func::Exp => x.exp(),
                Func::Bit => (x.trunc().abs() / 2f64.powf(y.trunc())).floor() % 2.0,
            }
        }
    })
}
