//! The page's own words in English and Korean. Messages that come from the core (errors,
//! findings, readiness) stay in English, as in the CLI: they are quoted in reviews and CI logs.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// The browser's preferred language, when it is Korean.
    pub fn from_browser() -> Lang {
        let lang = web_sys::window()
            .map(|w| w.navigator().language().unwrap_or_default())
            .unwrap_or_default();
        if lang.to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The text for `key` (the English text is the key, so a missing translation still reads).
    pub fn t(self, key: &'static str) -> &'static str {
        if self == Lang::En {
            return key;
        }
        KO.iter()
            .find(|(en, _)| *en == key)
            .map_or(key, |(_, ko)| ko)
    }
}

impl Lang {
    /// A readiness scenario's name (`instance`, `zone`, `region`, `corruption`; the report
    /// and the CLI keep the English word).
    pub fn scenario(self, s: &str) -> &str {
        let ko = match s {
            "instance" => "인스턴스",
            "zone" => "가용 영역",
            "region" => "리전",
            "corruption" => "데이터 손상",
            _ => s,
        };
        if self == Lang::Ko {
            ko
        } else {
            s
        }
    }

    /// A finding's severity (the rule files, the CLI and SARIF keep the English word; the
    /// band words "low" and "high" of an estimate are other words in Korean).
    pub fn severity(self, s: &str) -> &'static str {
        let (en, ko) = match s {
            "critical" => ("critical", "심각"),
            "high" => ("high", "높음"),
            "medium" => ("medium", "보통"),
            "low" => ("low", "낮음"),
            _ => ("info", "정보"),
        };
        if self == Lang::Ko {
            ko
        } else {
            en
        }
    }
}

/// English → Korean.
const KO: &[(&str, &str)] = &[
    (
        "price a cloud design as you write it",
        "작성하는 즉시 클라우드 설계의 비용을 계산합니다",
    ),
    ("Design", "설계"),
    ("Designs", "설계 목록"),
    ("New from example…", "예제로 새로 만들기…"),
    ("Environment", "환경"),
    ("base design", "기본 설계"),
    ("Compare with", "비교 대상"),
    ("nothing", "없음"),
    ("Undo", "실행 취소"),
    ("Redo", "다시 실행"),
    ("Import file", "파일 가져오기"),
    ("Export YAML", "YAML 내보내기"),
    ("Export JSON", "JSON 내보내기"),
    ("Export Markdown report", "마크다운 보고서 내보내기"),
    ("Print", "인쇄"),
    ("Share link", "공유 링크"),
    ("Delete design", "설계 삭제"),
    ("Deleted", "삭제됨:"),
    ("Recently deleted", "최근 삭제한 설계"),
    ("Language", "언어"),
    ("Currency", "통화"),
    ("won per US$", "1달러당 원"),
    ("Design's currency", "설계의 통화"),
    ("Text", "텍스트"),
    ("Form", "양식"),
    ("Plain text box", "일반 텍스트 상자"),
    ("Design (YAML or JSON)", "설계 (YAML 또는 JSON)"),
    ("Diagram", "다이어그램"),
    ("Zoom out", "축소"),
    ("Zoom in", "확대"),
    ("Architecture diagram: Tab to a resource, Enter to show its line", "아키텍처 다이어그램: Tab으로 리소스를 고르고 Enter로 해당 줄을 봅니다"),
    ("Drawing…", "그리는 중…"),
    ("per month, expected", "월 예상 비용"),
    ("low", "최저"),
    ("expected", "예상"),
    ("high", "최고"),
    ("Resource / item", "리소스 / 항목"),
    ("Quantity", "수량"),
    ("Unit", "단위"),
    ("Unit price", "단가"),
    ("Monthly", "월 비용"),
    ("Total", "합계"),
    ("Cost by category", "분류별 비용"),
    ("Cost by resource", "리소스별 비용"),
    ("Instances per hour of the week", "요일·시간별 인스턴스 수"),
    ("Readiness", "복구 준비도"),
    ("Findings", "정책 위반"),
    ("Apply", "적용"),
    ("Add resource", "리소스 추가"),
    ("Remove", "삭제"),
    ("does not exist", "이(가) 없습니다"),
    ("Go to this line", "이 줄로 이동"),
    ("error", "오류"),
    ("errors", "오류"),
    ("warning", "경고"),
    ("warnings", "경고"),
    ("Policy pack in force", "적용 중인 정책 팩"),
    ("waived", "면제"),
    ("Show all open findings", "열린 발견 사항 모두 보기"),
    ("Waived findings", "면제된 발견 사항"),
    ("all targets met", "모든 목표 충족"),
    ("of 4 scenarios miss a target", "/ 4 시나리오가 목표 미달"),
    ("loss", "장애"),
    ("critical path:", "핵심 경로:"),
    ("target", "목표"),
    ("Mon", "월"),
    ("Tue", "화"),
    ("Wed", "수"),
    ("Thu", "목"),
    ("Fri", "금"),
    ("Sat", "토"),
    ("Sun", "일"),
    ("instances", "대"),
    ("Drop .tf files, a plan JSON or a repository's .zip here", ".tf 파일, plan JSON 또는 저장소의 .zip을 여기에 끌어다 놓으세요"),
    ("A folder with a root module (.tf, .tfvars) and its local modules", "루트 모듈(.tf, .tfvars)과 그 로컬 모듈이 있는 폴더"),
    ("terraform show -json plan.out, or .tf files", "terraform show -json plan.out 결과 또는 .tf 파일"),
    ("Open the Terraform it came from", "원본 Terraform 열기"),
    ("finding", "발견 사항"),
    ("findings", "발견 사항"),
    ("pack line", "팩 줄"),
    ("Pick one", "하나 고르기"),
    ("Remove the reference", "참조 삭제"),
    ("Name", "이름"),
    ("Region", "리전"),
    ("Resources", "리소스"),
    ("Security groups", "보안 그룹"),
    ("Subnets", "서브넷"),
    ("Add subnet", "서브넷 추가"),
    ("Add rule", "규칙 추가"),
    ("Ports", "포트"),
    ("Protocol", "프로토콜"),
    ("From", "출처"),
    ("Description", "설명"),
    (
        "Edit the other fields in the text editor.",
        "나머지 필드는 텍스트 편집기에서 수정하세요.",
    ),
    ("Open the shared design", "공유된 설계 열기"),
    ("Dismiss", "닫기"),
    (
        "This share link is damaged; nothing was changed.",
        "공유 링크가 손상되어 아무것도 바꾸지 않았습니다.",
    ),
    (
        "Copy this link to share the design:",
        "이 링크를 복사해 설계를 공유하세요:",
    ),
    ("Side by side", "나란히 비교"),
    ("Delta", "차이"),
    ("No finding appears or goes away.", "새로 생기거나 사라진 지적 사항이 없습니다."),
    ("No verdict or duration changes.", "판정과 복구 시간에 변화가 없습니다."),
    (
        "Showing the last valid result: fix the errors above to update it.",
        "마지막으로 유효했던 결과입니다. 위 오류를 고치면 갱신됩니다.",
    ),
    (
        "Incomplete: some prices are missing from the catalog (see warnings).",
        "일부 가격이 카탈로그에 없어 합계가 불완전합니다(경고 참조).",
    ),
    ("Loading prices…", "가격을 불러오는 중…"),
    (
        "No prices for {region} in this deployment — import a catalog or run `planwright prices sync`",
        "이 배포에는 {region} 리전의 가격이 없습니다 — 카탈로그를 가져오거나 `planwright prices sync`를 실행하세요",
    ),
    ("The prices could not be loaded:", "가격을 불러오지 못했습니다:"),
    (
        "The catalog file was not imported; the prices in force are unchanged",
        "카탈로그 파일을 가져오지 않았습니다. 사용 중인 가격은 그대로입니다",
    ),
    ("Import prices…", "가격 카탈로그 가져오기…"),
    ("Imported prices:", "가져온 가격:"),
    ("Remove imported prices", "가져온 가격 삭제"),
    ("no rate: amounts stay in US$ until you enter won per US$", "환율 없음: 달러당 원화 환율을 입력할 때까지 금액은 US$로 표시됩니다"),
    ("at your rate", "입력한 환율 적용"),
    ("at the design's rate", "설계의 환율 적용"),
    ("incomplete", "불완전"),
    ("zone", "가용 영역"),
    ("no targets: set dr.targets", "목표 없음: dr.targets를 설정하세요"),
    ("Pack:", "정책 팩:"),
    ("remove", "제거"),
    ("Import policy pack…", "정책 팩 가져오기…"),
    ("Close", "닫기"),
    ("The imported .tf files are not kept in this browser: open the Terraform folder again to view them.", "가져온 .tf 파일은 이 브라우저에 보관되지 않습니다. 보려면 Terraform 폴더를 다시 여세요."),
    ("Policy", "정책"),
    ("No open findings.", "남은 지적 사항이 없습니다."),
    ("Waived:", "예외 처리:"),
    ("Fix:", "해결 방법:"),
    ("Fix the text's errors to use the form.", "폼을 쓰려면 텍스트의 오류를 먼저 고치세요."),
    ("Reading Terraform…", "Terraform 읽는 중…"),
    ("Open Terraform folder…", "Terraform 폴더 열기…"),
    ("Open plan JSON / .tf…", "plan JSON / .tf 열기…"),
    ("The design has errors", "설계에 오류가 있습니다"),
    ("Open in Planwright ↗", "Planwright에서 열기 ↗"),
    ("Design file ↗", "설계 파일 ↗"),
    ("/ month", "/ 월"),
    ("Your saved designs are kept.", "저장된 설계는 그대로 유지됩니다."),
    ("Planwright stopped with an internal error last time. Your design is back, not yet evaluated: edit it, or load an example, to continue.", "지난번에 Planwright가 내부 오류로 멈췄습니다. 설계는 복구되었지만 아직 평가하지 않았습니다. 계속하려면 편집하거나 예제를 불러오세요."),
    ("The policy pack was not imported", "정책 팩을 가져오지 못했습니다"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_one_translation() {
        let mut keys: Vec<&str> = KO.iter().map(|(k, _)| *k).collect();
        planwright_core::order::sort(&mut keys);
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is translated twice");
        assert_eq!(Lang::Ko.t("Undo"), "실행 취소");
        assert_eq!(Lang::En.t("Undo"), "Undo");
    }

    /// Every text the page's code asks to translate (`.t("…")`) has its Korean, and no
    /// Korean entry is left in English.
    #[test]
    fn every_ui_text_is_in_korean() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    sources(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("i18n.rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut missing = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for (i, piece) in text.split(".t(\"").enumerate().skip(1) {
                let _ = i;
                let Some(key) = piece.split('"').next() else {
                    continue;
                };
                if !KO.iter().any(|(en, _)| *en == key) {
                    missing.push(format!("{}: {key}", f.display()));
                }
            }
        }
        // Words written straight into the markup (`{ "Text" }`) skip the catalogue.
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for (before, piece) in text.split("{ \"").zip(text.split("{ \"").skip(1)) {
                let word = piece.split('"').next().unwrap_or("");
                let after = piece.get(word.len()..).unwrap_or("");
                // Markup text: right after a tag (`>{ "…" }`) or right before one.
                let markup = before.ends_with('>') || after.starts_with("\" }<");
                let names = ["Planwright", "English", "USD", "KRW", "CIDR"];
                if markup
                    && word.starts_with(|c: char| c.is_ascii_alphabetic())
                    && !names.contains(&word)
                {
                    missing.push(format!("{}: {word} (not through .t)", f.display()));
                }
            }
        }
        // Words built into markup with `format!` or written as a literal `title`, outside
        // the placeholders: an English word of three letters or more is not through .t.
        let words = |literal: &str| {
            let mut plain = String::new();
            let mut depth = 0usize;
            for c in literal.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth = depth.saturating_sub(1),
                    _ if depth == 0 => plain.push(c),
                    _ => {}
                }
            }
            plain.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
                w.len() >= 3
                    && ![
                        "USD", "KRW", "CIDR", "vCPU", "GiB", "RTO", "RPO", "Ctrl", "Shift",
                    ]
                    .contains(&w)
            })
        };
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for marker in ["{ format!(\"", " title=\""] {
                for piece in text.split(marker).skip(1) {
                    let literal = piece.split('"').next().unwrap_or("");
                    if words(literal) {
                        missing.push(format!("{}: {literal} (not through .t)", f.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no Korean for:\n{}", missing.join("\n"));
        let english: Vec<&str> = KO
            .iter()
            .filter(|(_, ko)| !ko.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)))
            .map(|(en, _)| *en)
            .collect();
        assert!(english.is_empty(), "left in English: {english:?}");
    }
}
